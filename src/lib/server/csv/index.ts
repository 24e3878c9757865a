/**
 * The one CSV writer. Every CSV download in Brygga goes through it, so every file opens
 * correctly in Swedish Excel with a double click:
 * - `;` between fields (Swedish Excel uses `,` as the decimal sign and splits on `;`),
 * - UTF-8 with a byte-order mark (without it Excel reads å, ä, ö as Windows-1252),
 * - CRLF line ends and RFC 4180 quoting,
 * - dates and times in Swedish local time (Europe/Stockholm), `YYYY-MM-DD HH:MM:SS`,
 * - amounts as plain numbers without thousands separators (a space would make them text),
 *   decimals with a comma,
 * - text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is
 *   prefixed with `'`, so a card or a name cannot become `=HYPERLINK(…)` in someone's Excel.
 */
import { stockholmDateTime } from './time.ts';

export { stockholmDate, stockholmDateTime, stockholmDayEnd, stockholmDayStart, isCalendarDay, TIME_ZONE } from './time.ts';

export const SEPARATOR = ';';
export const BOM = '\uFEFF';
export const CONTENT_TYPE = 'text/csv; charset=utf-8';

/** What a cell may hold. Dates become Stockholm time; numbers stay numbers; null/undefined empty. */
export type CsvCell = string | number | Date | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

/** Text, quoted and defused. */
function text(value: string): string {
	const safe = FORMULA.test(value) ? `'${value}` : value;
	return `"${safe.replaceAll('"', '""')}"`;
}

/** A number as Swedish Excel reads it: no thousands separator, decimal comma. */
export function csvNumber(value: number): string {
	if (!Number.isFinite(value)) return '';
	return String(value).replace('.', ',');
}

/** One cell as it is written in the file. */
export function csvCell(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return csvNumber(value);
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : stockholmDateTime(value);
	return text(value);
}

/** A whole file: BOM, header row, data rows, CRLF after every row. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
	const lines = [header.map(text).join(SEPARATOR)];
	for (const row of rows) lines.push(row.map(csvCell).join(SEPARATOR));
	return BOM + lines.join('\r\n') + '\r\n';
}

/**
 * The download response: `text/csv; charset=utf-8`, as an attachment. `filename` may contain
 * å, ä, ö (sent RFC 6266-style with an ASCII fallback); it should end in `.csv`.
 */
export function csvResponse(body: string, filename: string): Response {
	const ascii = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-');
	return new Response(body, {
		headers: {
			'content-type': CONTENT_TYPE,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'cache-control': 'no-store'
		}
	});
}
export { parseCsv } from './parse.ts';
