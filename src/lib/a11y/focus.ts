/**
 * Keeping keyboard focus where the user is. When a button re-renders its region — a phase
 * button becomes the current (disabled) one, a vote spends the last vote, a "stop" button
 * disappears — the browser drops focus to the page body and a keyboard user starts over from
 * the top. These helpers put focus back on the changed element, or on its status message.
 *
 * One helper for every page (board, guest page, RFI, tender, sprint): `keepFocus` for any
 * update, `enhanceKeepingFocus` for SvelteKit `use:enhance` forms.
 */
import { tick } from 'svelte';
import type { ActionResult, SubmitFunction } from '$app/forms';

/** An element, a CSS selector (looked up in the document when the focus is restored) or a getter. */
export type FocusTarget = Element | string | (() => Element | null | undefined) | null | undefined;

function resolve(target: FocusTarget): Element | null {
	if (!target) return null;
	if (typeof target === 'string') return document.querySelector(target);
	if (typeof target === 'function') return target() ?? null;
	return target;
}

/** Whether focus has been lost: on the body, nowhere, or on an element that left the page or was disabled. */
export function focusLost(): boolean {
	const active = document.activeElement;
	return !active || active === document.body || !active.isConnected || active.matches(':disabled');
}

function usable(el: Element): el is HTMLElement {
	if (!(el instanceof HTMLElement) || !el.isConnected || el.matches(':disabled')) return false;
	if (el.closest('[hidden], [inert]')) return false;
	return el.getClientRects().length > 0 || el.classList.contains('visually-hidden');
}

/**
 * Focuses the first usable target. A target that is not focusable by nature (a status message,
 * a heading) gets `tabindex="-1"` so it can take focus without entering the Tab order.
 * Returns the element focused, or null.
 */
export function focusFirst(targets: FocusTarget[], options: { preventScroll?: boolean } = {}): HTMLElement | null {
	for (const target of targets) {
		const el = resolve(target);
		if (!el || !usable(el)) continue;
		if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
		el.focus({ preventScroll: options.preventScroll ?? false });
		if (document.activeElement === el) return el;
	}
	return null;
}

/**
 * After the DOM has updated: if focus was lost, focus the first usable target. Focus the user
 * moved elsewhere in the meantime is left alone.
 */
export async function keepFocus(targets: FocusTarget[]): Promise<HTMLElement | null> {
	await tick();
	if (!focusLost()) return null;
	return focusFirst(targets);
}

export interface KeepFocusOptions {
	/**
	 * Where focus goes when the button that submitted is gone or disabled afterwards, in order
	 * of preference (typically the element that changed, then the status message).
	 */
	fallback?: FocusTarget[] | ((result: ActionResult) => FocusTarget[]);
	/** Called with the result after the page has updated, e.g. to set a status message. */
	after?: (result: ActionResult) => void;
	/** Reset the form after success (SvelteKit's default is true). */
	reset?: boolean;
}

/**
 * A `use:enhance` submit function that keeps focus: after the page data updates, focus stays on
 * (or returns to) the button that submitted; when that button is gone or disabled, it moves to
 * the first usable fallback.
 */
export function enhanceKeepingFocus(options: KeepFocusOptions = {}): SubmitFunction {
	return ({ submitter }) => {
		return async ({ update, result }) => {
			await update({ reset: options.reset ?? true });
			options.after?.(result);
			const fallback = typeof options.fallback === 'function' ? options.fallback(result) : (options.fallback ?? []);
			await keepFocus([submitter, ...fallback]);
		};
	};
}

/**
 * For changes that re-render later than the next tick (a live document coalesces its updates
 * into one render per animation frame): waits, frame by frame up to `timeoutMs`, for the
 * focused element to go, then focuses the first usable target. Does nothing if focus survives.
 */
export function followFocus(targets: FocusTarget[], { timeoutMs = 1000 }: { timeoutMs?: number } = {}): Promise<HTMLElement | null> {
	const start = performance.now();
	return new Promise((resolve) => {
		const step = () => {
			if (focusLost()) return resolve(focusFirst(targets));
			if (performance.now() - start > timeoutMs) return resolve(null);
			requestAnimationFrame(step);
		};
		requestAnimationFrame(step);
	});
}
