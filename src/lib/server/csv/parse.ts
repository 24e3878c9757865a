/**
 * Reading CSV that people upload (RFC 4180 quoting; `,` or `;` as separator — Swedish Excel
 * writes `;` — decided from the header line). Pure: no I/O. The writer is in `index.ts`.
 */

/** Rows of cells; a leading BOM is dropped, blank lines are skipped, line numbers kept. */
export function parseCsv(text: string): { rows: Array<{ line: number; cells: string[] }>; separator: ',' | ';' } {
	const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
	const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
	const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
	const rows: Array<{ line: number; cells: string[] }> = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let rowLine = 1;
	const endRow = () => {
		cells.push(cell);
		if (cells.length > 1 || cells[0].trim() !== '') rows.push({ line: rowLine, cells });
		cells = [];
		cell = '';
	};
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		if (quoted) {
			if (c === '"') {
				if (src[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else {
				if (c === '\n') line++;
				cell += c;
			}
			continue;
		}
		if (c === '"' && cell === '') quoted = true;
		else if (c === separator) {
			cells.push(cell);
			cell = '';
		} else if (c === '\r' && src[i + 1] === '\n') continue;
		else if (c === '\n') {
			endRow();
			line++;
			rowLine = line;
		} else cell += c;
	}
	if (cell !== '' || cells.length) endRow();
	return { rows, separator };
}
