import { describe, expect, it } from 'vitest';
import { BOM, csvCell, csvResponse, isCalendarDay, stockholmDate, stockholmDateTime, stockholmDayEnd, stockholmDayStart, toCsv } from './index.ts';

describe('the CSV writer for Swedish Excel', () => {
	it('starts with a byte-order mark, separates with semicolons and ends every row with CRLF', () => {
		const csv = toCsv(['namn', 'antal'], [['Åsa', 3], ['Örjan', 4]]);
		expect(csv.startsWith(BOM)).toBe(true);
		expect(csv.slice(1)).toBe('"namn";"antal"\r\n"Åsa";3\r\n"Örjan";4\r\n');
	});

	it('quotes text with separators, quotes and line breaks so a cell stays one cell', () => {
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(csvCell('säg "hej"')).toBe('"säg ""hej"""');
		expect(csvCell('rad 1\r\nrad 2')).toBe('"rad 1\r\nrad 2"');
		const csv = toCsv(['x'], [['a;b\nc']]);
		expect(csv.slice(1).split('\r\n')).toEqual(['"x"', '"a;b\nc"', '']);
	});

	it('defuses text that a spreadsheet would run as a formula', () => {
		expect(csvCell('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
		for (const lead of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}1`)).toBe(`"'${lead}1"`);
		expect(csvCell('Ett = två')).toBe('"Ett = två"');
	});

	it('writes amounts as plain numbers, without thousands separators, with a decimal comma', () => {
		expect(csvCell(615312)).toBe('615312');
		expect(csvCell(1234567.5)).toBe('1234567,5');
		expect(csvCell(-200)).toBe('-200');
		expect(csvCell(Number.NaN)).toBe('');
	});

	it('leaves missing values empty', () => {
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
	});

	it('writes times in Stockholm local time, across both clock changes', () => {
		// Winter: UTC+1.
		expect(stockholmDateTime('2026-01-15T11:00:00Z')).toBe('2026-01-15 12:00:00');
		// Summer time begins 2026-03-29 01:00 UTC (02:00 → 03:00 local).
		expect(stockholmDateTime('2026-03-29T00:59:59Z')).toBe('2026-03-29 01:59:59');
		expect(stockholmDateTime('2026-03-29T01:00:00Z')).toBe('2026-03-29 03:00:00');
		// Summer: UTC+2, and the local day can differ from the UTC day.
		expect(stockholmDateTime('2026-06-30T22:30:00Z')).toBe('2026-07-01 00:30:00');
		expect(stockholmDate('2026-06-30T22:30:00Z')).toBe('2026-07-01');
		// Summer time ends 2026-10-25 01:00 UTC (03:00 → 02:00 local).
		expect(stockholmDateTime('2026-10-25T00:30:00Z')).toBe('2026-10-25 02:30:00');
		expect(stockholmDateTime('2026-10-25T01:30:00Z')).toBe('2026-10-25 02:30:00');
		expect(csvCell(new Date('2026-12-24T14:05:09Z'))).toBe('2026-12-24 15:05:09');
	});

	it('finds where a Stockholm day begins and ends, summer and winter, including the days the clock changes', () => {
		expect(stockholmDayStart('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
		expect(stockholmDayStart('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
		expect(stockholmDayEnd('2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z');
		expect(stockholmDayStart('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
		expect(stockholmDayEnd('2026-10-25').toISOString()).toBe('2026-10-25T23:00:00.000Z');
		expect(stockholmDayEnd('2026-12-31').toISOString()).toBe('2026-12-31T23:00:00.000Z');
	});

	it('accepts only real calendar days', () => {
		expect(isCalendarDay('2026-02-28')).toBe(true);
		expect(isCalendarDay('2028-02-29')).toBe(true);
		expect(isCalendarDay('2026-02-29')).toBe(false);
		expect(isCalendarDay('2026-13-01')).toBe(false);
		expect(isCalendarDay('26-01-01')).toBe(false);
		expect(isCalendarDay('2026-01-01T00:00')).toBe(false);
	});

	it('answers as a UTF-8 CSV attachment, with the Swedish file name kept for browsers that can', async () => {
		const res = csvResponse(toCsv(['a'], [['b']]), 'behovsregister-åäö.csv');
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const disposition = res.headers.get('content-disposition')!;
		expect(disposition).toContain('attachment; filename="behovsregister-aao.csv"');
		expect(disposition).toContain("filename*=UTF-8''behovsregister-%C3%A5%C3%A4%C3%B6.csv");
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});
});
