/**
 * The CSV import of measured values: header `point,date,value,note` (`;` also works, as Swedish
 * Excel saves), `point` the measurement point's name or id, `date` YYYY-MM-DD, `value` a number
 * (decimal comma or point). Every bad row gets its own error with its line number and the good
 * rows are kept; the caller stores the good rows in one transaction. Pure: no I/O.
 */
import { parseCsv } from '../csv/parse.ts';
import { isIsoDate, parseSvNumber } from './numbers.ts';

export const CSV_HEADER = ['point', 'date', 'value', 'note'] as const;
export const MAX_CSV_ROWS = 2000;

export interface ValueRow {
	/** Line number in the file (the header is line 1). */
	row: number;
	pointId: string;
	date: string;
	value: number;
	note: string;
}

export interface ParsedValues {
	rows: ValueRow[];
	rejected: Array<{ row: number; error: string }>;
	/** A problem with the file as a whole (no header, wrong header, too many rows): nothing is read. */
	fileError: string | null;
}

/** Reads the file against the pilot's points (`name` matched case-insensitively, or `id`). */
export function parseValuesCsv(text: string, points: ReadonlyArray<{ id: string; name: string }>): ParsedValues {
	const { rows } = parseCsv(text);
	if (!rows.length) return { rows: [], rejected: [], fileError: 'Filen är tom.' };
	const header = rows[0].cells.map((c) => c.trim().toLowerCase());
	if (header.length < 3 || CSV_HEADER.slice(0, 3).some((h, i) => header[i] !== h) || (header[3] !== undefined && header[3] !== 'note')) {
		return { rows: [], rejected: [], fileError: 'Första raden ska vara rubrikerna point,date,value,note.' };
	}
	if (rows.length - 1 > MAX_CSV_ROWS) return { rows: [], rejected: [], fileError: `Högst ${MAX_CSV_ROWS} rader per fil.` };
	const byName = new Map(points.map((p) => [p.name.trim().toLowerCase(), p.id]));
	const ids = new Set(points.map((p) => p.id));
	const out: ValueRow[] = [];
	const rejected: ParsedValues['rejected'] = [];
	const seen = new Set<string>();
	for (const { line, cells } of rows.slice(1)) {
		const [point = '', date = '', value = '', note = ''] = cells.map((c) => c.trim());
		const pointId = ids.has(point.toLowerCase()) ? point.toLowerCase() : byName.get(point.toLowerCase());
		let error: string | null = null;
		if (cells.length > 4) error = 'För många kolumner (citattecken runt text med kommatecken).';
		else if (!pointId) error = `Okänd mätpunkt ”${point}”.`;
		else if (!isIsoDate(date)) error = `Datumet ”${date}” ska skrivas ÅÅÅÅ-MM-DD.`;
		else if (parseSvNumber(value) === null) error = `Värdet ”${value}” är inte ett tal.`;
		else if (note.length > 500) error = 'Anteckningen får vara högst 500 tecken.';
		else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(note) || /[\ud800-\udfff]/.test(note.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) error = 'Anteckningen innehåller otillåtna tecken.';
		else if (seen.has(`${pointId}|${date}`)) error = 'Samma mätpunkt och datum finns redan tidigare i filen.';
		if (error) {
			rejected.push({ row: line, error });
			continue;
		}
		seen.add(`${pointId}|${date}`);
		out.push({ row: line, pointId: pointId!, date, value: parseSvNumber(value)!, note });
	}
	return { rows: out, rejected, fileError: null };
}
