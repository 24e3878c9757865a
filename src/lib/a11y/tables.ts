/**
 * Every data table in the app reflows on a phone (WCAG 1.4.10): under 40rem wide, each row
 * becomes a block and each cell shows its column's header before its value (global.css,
 * `table:not(.no-reflow)`). The header text comes from `data-label`, which this action writes
 * on every cell of every table inside the node it is used on — the root layout's `<main>` —
 * and keeps up to date as tables render and change. Tables need no markup of their own; a
 * table that must stay a grid (a layout that is really two-dimensional) opts out with
 * `class="no-reflow"`.
 *
 * Because `display: block` makes some browsers drop table semantics, the action also states
 * the roles (table, rowgroup, row, columnheader, rowheader, cell) explicitly.
 */
const ROLE_BY_TAG: Record<string, string> = { THEAD: 'rowgroup', TBODY: 'rowgroup', TFOOT: 'rowgroup', TR: 'row', TD: 'cell' };

/** The header text of each column of a table, by column index (colspans counted). */
function columnLabels(table: HTMLTableElement): string[] {
	const labels: string[] = [];
	const head = table.tHead?.rows[table.tHead.rows.length - 1] ?? table.rows[0];
	if (!head) return labels;
	if (!table.tHead && ![...head.cells].every((c) => c.tagName === 'TH')) return labels;
	for (const cell of head.cells) {
		const text = (cell.getAttribute('aria-label') ?? cell.textContent ?? '').replace(/\s+/g, ' ').trim();
		for (let i = 0; i < cell.colSpan; i++) labels.push(text);
	}
	return labels;
}

export function label(table: HTMLTableElement): void {
	if (table.classList.contains('no-reflow')) return;
	if (!table.hasAttribute('role')) table.setAttribute('role', 'table');
	const labels = columnLabels(table);
	const headRow = table.tHead ? null : table.rows[0];
	for (const section of [table.tHead, ...table.tBodies, table.tFoot]) {
		if (section && !section.hasAttribute('role')) section.setAttribute('role', ROLE_BY_TAG[section.tagName]);
	}
	for (const row of table.rows) {
		if (!row.hasAttribute('role')) row.setAttribute('role', 'row');
		let col = 0;
		for (const cell of row.cells) {
			if (!cell.hasAttribute('role')) {
				const inHead = row.parentElement?.tagName === 'THEAD' || row === headRow;
				cell.setAttribute('role', cell.tagName === 'TH' ? (inHead || cell.scope === 'col' ? 'columnheader' : 'rowheader') : 'cell');
			}
			const text = labels[col];
			if (cell.tagName === 'TD' && text && cell.dataset.label !== text) cell.dataset.label = text;
			col += cell.colSpan;
		}
	}
}

export function reflowTables(node: HTMLElement) {
	let scheduled = false;
	const run = () => {
		scheduled = false;
		for (const table of node.querySelectorAll('table')) label(table);
	};
	// Batched: a live page may change many rows at once.
	const observer = new MutationObserver(() => {
		if (scheduled) return;
		scheduled = true;
		queueMicrotask(run);
	});
	observer.observe(node, { childList: true, subtree: true });
	run();
	return {
		destroy() {
			observer.disconnect();
		}
	};
}
