import { describe, expect, it } from 'vitest';
import { parseValuesCsv } from './values-csv.ts';
import { parseCsv } from '../csv/parse.ts';

const points = [
	{ id: '11111111-1111-4111-8111-111111111111', name: 'Fallolyckor per månad' },
	{ id: '22222222-2222-4222-8222-222222222222', name: 'Nöjdhet' }
];

describe('CSV import of values', () => {
	it('reads good rows by point name or id, with decimal commas and notes', () => {
		const csv = 'point,date,value,note\nFallolyckor per månad,2026-01-31,14,\n22222222-2222-4222-8222-222222222222,2026-01-31,"3,5",efter enkät\n';
		const r = parseValuesCsv(csv, points);
		expect(r.fileError).toBeNull();
		expect(r.rejected).toEqual([]);
		expect(r.rows).toEqual([
			{ row: 2, pointId: points[0].id, date: '2026-01-31', value: 14, note: '' },
			{ row: 3, pointId: points[1].id, date: '2026-01-31', value: 3.5, note: 'efter enkät' }
		]);
	});
	it('keeps the good rows and gives every bad row its own error with its line number', () => {
		const csv = ['point,date,value,note', 'Nöjdhet,2026-02-28,4,', 'Okänd,2026-02-28,4,', 'Nöjdhet,2026-02-30,4,', 'Nöjdhet,2026-03-31,mycket,', 'Nöjdhet,2026-02-28,5,dubblett'].join('\r\n');
		const r = parseValuesCsv(csv, points);
		expect(r.rows.map((x) => x.row)).toEqual([2]);
		expect(r.rejected.map((x) => x.row)).toEqual([3, 4, 5, 6]);
		expect(r.rejected[0].error).toMatch(/Okänd mätpunkt/);
		expect(r.rejected[1].error).toMatch(/ÅÅÅÅ-MM-DD/);
		expect(r.rejected[2].error).toMatch(/inte ett tal/);
		expect(r.rejected[3].error).toMatch(/Samma mätpunkt/);
	});
	it('accepts semicolons as Swedish Excel saves, and refuses a file without the header', () => {
		expect(parseValuesCsv('\uFEFFpoint;date;value;note\nNöjdhet;2026-01-01;4,2;\n', points).rows[0].value).toBe(4.2);
		expect(parseValuesCsv('Nöjdhet,2026-01-01,4\n', points).fileError).toMatch(/rubrikerna/);
		expect(parseValuesCsv('', points).fileError).toMatch(/tom/);
	});
	it('parses quoted cells with separators, quotes and line breaks', () => {
		expect(parseCsv('a,"b,""c""\nd",e\n\n1,2,3').rows).toEqual([
			{ line: 1, cells: ['a', 'b,"c"\nd', 'e'] },
			{ line: 4, cells: ['1', '2', '3'] }
		]);
	});
});
