/**
 * A roving tabindex over a board of cards in groups: the whole board is one stop in the Tab
 * order, and the arrow keys move within it — Up/Down between the cards of a group, Left/Right
 * between groups (to the card at the same position, or the group's last), Home/End to the
 * first/last card of the group, Ctrl+Home/End to the first/last card of the board.
 *
 * Markup contract (the action reads the DOM, so live re-renders need no bookkeeping):
 * - `data-roving-group` on each group, in reading order;
 * - `data-roving-cell="<stable id>"` on each card inside a group;
 * - `data-roving-primary` on the control a card is focused by (its checkbox or vote button);
 *   without one the card itself is focused (the action gives it `tabindex`).
 * Other controls inside a card (split out, remove, retract) are reachable with Tab only in the
 * active card, so a board of fifty cards costs one Tab, not a hundred and fifty.
 *
 * Focusing the container itself (e.g. from a "skip to board" link) forwards focus to the
 * active card.
 */
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';
const TEXT_ENTRY = 'input:not([type="checkbox"]):not([type="radio"]), select, textarea, [contenteditable="true"]';

/** The selector of a card's focus target, for moving focus to a card after it re-rendered elsewhere. */
export function cellSelector(id: string): string {
	const cell = `[data-roving-cell="${CSS.escape(id)}"]`;
	return `${cell} [data-roving-primary]:not(:disabled), ${cell}[tabindex]`;
}

export function roving(node: HTMLElement) {
	/** The id of the card in the Tab order; kept across re-renders, so the board remembers where the user was. */
	let active: string | null = null;

	const groups = () => [...node.querySelectorAll<HTMLElement>('[data-roving-group]')].map((g) => [...g.querySelectorAll<HTMLElement>('[data-roving-cell]')]);
	const cells = () => [...node.querySelectorAll<HTMLElement>('[data-roving-cell]')];
	const cellById = (id: string | null) => (id === null ? null : (cells().find((c) => c.dataset.rovingCell === id) ?? null));
	const primaryOf = (cell: HTMLElement) => cell.querySelector<HTMLElement>('[data-roving-primary]:not(:disabled)') ?? cell;

	/** Exactly one card's controls are in the Tab order: the active one's (the first card if none). */
	function apply() {
		const all = cells();
		if (!all.length) return;
		if (!cellById(active)) active = all[0].dataset.rovingCell ?? null;
		for (const cell of all) {
			const on = cell.dataset.rovingCell === active;
			const primary = primaryOf(cell);
			const controls = [cell, ...cell.querySelectorAll<HTMLElement>(FOCUSABLE)];
			for (const el of controls) {
				if (el === cell && primary !== cell) {
					el.removeAttribute('tabindex');
					continue;
				}
				el.setAttribute('tabindex', on ? '0' : '-1');
			}
		}
	}

	function activate(cell: HTMLElement, focus: boolean) {
		active = cell.dataset.rovingCell ?? null;
		apply();
		if (focus) {
			// The whole card comes into view, clear of sticky bars (the card's scroll-margin), not only its checkbox.
			primaryOf(cell).focus({ preventScroll: true });
			cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
		}
	}

	function onkeydown(event: KeyboardEvent) {
		if (event.altKey || event.metaKey || event.shiftKey) return;
		const target = event.target as HTMLElement;
		const cell = target.closest<HTMLElement>('[data-roving-cell]');
		if (!cell || !node.contains(cell) || target.matches(TEXT_ENTRY)) return;
		const board = groups().filter((g) => g.length);
		const gi = board.findIndex((g) => g.includes(cell));
		if (gi < 0) return;
		const ci = board[gi].indexOf(cell);
		let next: HTMLElement | undefined;
		switch (event.key) {
			case 'ArrowDown':
				next = board[gi][ci + 1];
				break;
			case 'ArrowUp':
				next = board[gi][ci - 1];
				break;
			case 'ArrowRight':
				next = board[gi + 1]?.[Math.min(ci, board[gi + 1].length - 1)];
				break;
			case 'ArrowLeft':
				next = board[gi - 1]?.[Math.min(ci, board[gi - 1].length - 1)];
				break;
			case 'Home':
				next = event.ctrlKey ? board[0][0] : board[gi][0];
				break;
			case 'End':
				next = event.ctrlKey ? board.at(-1)!.at(-1) : board[gi].at(-1);
				break;
			default:
				return;
		}
		// At an edge the key does nothing, but it is still ours: the page must not scroll instead.
		event.preventDefault();
		if (next) activate(next, true);
	}

	function onfocusin(event: FocusEvent) {
		const target = event.target as HTMLElement;
		if (target === node) {
			const cell = cellById(active) ?? cells()[0];
			if (cell) activate(cell, true);
			return;
		}
		const cell = target.closest<HTMLElement>('[data-roving-cell]');
		if (cell && node.contains(cell) && cell.dataset.rovingCell !== active) activate(cell, false);
	}

	// Cards arrive, move and leave live: re-apply the Tab order whenever the board's DOM changes.
	const observer = new MutationObserver(() => apply());
	observer.observe(node, { childList: true, subtree: true });
	node.addEventListener('keydown', onkeydown);
	node.addEventListener('focusin', onfocusin);
	apply();

	return {
		destroy() {
			observer.disconnect();
			node.removeEventListener('keydown', onkeydown);
			node.removeEventListener('focusin', onfocusin);
		}
	};
}
