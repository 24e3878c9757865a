/**
 * One pending state for every form that posts: `<form method="POST" use:pending>` (or
 * `use:pending={submitFunction}` with the same contract as `use:enhance`, which it wraps).
 *
 * While the request is on its way the form is `aria-busy`, its submit buttons are
 * `aria-disabled` and the button that sent it reads "Skickar…"; a second submit (a double tap on
 * a slow network) is dropped, not sent. Buttons stay focusable (no `disabled`, which would throw
 * keyboard focus to the page) and get their own content back when the answer has been handled —
 * also when it is an error, a redirect or a failed network.
 */
import { enhance, type SubmitFunction } from '$app/forms';
import { m } from '#lib/paraglide/messages.js';

type Submitter = HTMLElement | null | undefined;

/** Marks the form as sending; returns what puts everything back (also for forms that send with `fetch`). */
export function markPending(form: HTMLFormElement, submitter: Submitter): () => void {
	const buttons = [...form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button:not([type="button"]):not([type="reset"]), input[type="submit"]')];
	const label = (submitter && buttons.includes(submitter as HTMLButtonElement) ? submitter : buttons[0]) as HTMLButtonElement | HTMLInputElement | undefined;
	const before = buttons.map((b) => b.getAttribute('aria-disabled'));
	form.setAttribute('aria-busy', 'true');
	for (const b of buttons) b.setAttribute('aria-disabled', 'true');
	let undoLabel = () => {};
	if (label) {
		const text = m.forms_sending();
		if (label instanceof HTMLInputElement) {
			const value = label.value;
			label.value = text;
			undoLabel = () => (label.value = value);
		} else {
			// The button keeps its width, so the row does not jump; its own nodes go back afterwards.
			const width = label.style.minWidth;
			label.style.minWidth = `${label.getBoundingClientRect().width}px`;
			const nodes = [...label.childNodes];
			label.replaceChildren(document.createTextNode(text));
			label.dataset.pending = '';
			undoLabel = () => {
				label.replaceChildren(...nodes);
				label.style.minWidth = width;
				delete label.dataset.pending;
			};
		}
	}
	return () => {
		form.removeAttribute('aria-busy');
		buttons.forEach((b, i) => (before[i] === null ? b.removeAttribute('aria-disabled') : b.setAttribute('aria-disabled', before[i]!)));
		undoLabel();
	};
}

export function pending(form: HTMLFormElement, submit?: SubmitFunction) {
	let inner = submit;
	let busy = false;
	const wrapped: SubmitFunction = async (input) => {
		if (busy) {
			input.cancel();
			return;
		}
		busy = true;
		let cancelled = false;
		let callback: Awaited<ReturnType<SubmitFunction>>;
		try {
			callback = await inner?.({
				...input,
				cancel: () => {
					cancelled = true;
					input.cancel();
				}
			});
		} catch (err) {
			busy = false;
			throw err;
		}
		if (cancelled) {
			busy = false;
			return;
		}
		const restore = markPending(form, input.submitter);
		return async (opts) => {
			// Put the buttons back before the page applies the answer: the update may itself change
			// them (the current phase button becomes `aria-disabled`, a button is swapped), and
			// restoring afterwards would overwrite that. Repeats stay dropped until the update is done.
			restore();
			try {
				if (callback) await callback(opts);
				else await opts.update();
			} finally {
				busy = false;
			}
		};
	};
	const handle = enhance(form, wrapped);
	return {
		update(next?: SubmitFunction) {
			inner = next;
		},
		destroy() {
			handle.destroy();
		}
	};
}

const sending = new WeakSet<HTMLFormElement>();

/**
 * The same pending state for a form that sends with `fetch` (`onsubmit={(e) => whilePending(e, send)}`):
 * prevents the native submit, drops a repeat while `send` runs, and marks the form as sending.
 * Returns undefined when the submit was a dropped repeat.
 */
export async function whilePending<T>(event: SubmitEvent, send: () => Promise<T>): Promise<T | undefined> {
	event.preventDefault();
	const form = event.currentTarget as HTMLFormElement;
	if (sending.has(form)) return undefined;
	sending.add(form);
	const restore = markPending(form, event.submitter);
	try {
		return await send();
	} finally {
		sending.delete(form);
		restore();
	}
}
