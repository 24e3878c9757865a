import { describe, expect, it } from 'vitest';
import { isoToStockholmLocal, questionsFromForm, stockholmLocalToIso } from './pages.ts';

describe('deadlines typed in Swedish local time', () => {
	it('read a winter time as UTC+1 and a summer time as UTC+2', () => {
		expect(stockholmLocalToIso('2027-01-20T13:00')).toBe('2027-01-20T13:00:00+01:00');
		expect(stockholmLocalToIso('2027-06-20T13:00')).toBe('2027-06-20T13:00:00+02:00');
		expect(new Date(stockholmLocalToIso('2027-03-28T03:30')).toISOString()).toBe('2027-03-28T01:30:00.000Z');
	});
	it('round-trip to the form value, and leave malformed input for the schema to refuse', () => {
		expect(isoToStockholmLocal('2027-01-20T12:00:00Z')).toBe('2027-01-20T13:00');
		expect(isoToStockholmLocal('2027-07-01T10:15:00Z')).toBe('2027-07-01T12:15');
		expect(stockholmLocalToIso('i morgon')).toBe('i morgon');
	});
});

describe('questions from the round form', () => {
	it('keeps filled rows in order with their kinds and one option per line', () => {
		const f = new FormData();
		for (const [text, kind, options] of [
			['Beskriv lösningen', 'text', ''],
			['', 'text', ''],
			['Mognadsgrad?', 'choice', 'Idé\n Prototyp \n\nPå marknaden']
		]) {
			f.append('q_id', '');
			f.append('q_text', text);
			f.append('q_kind', kind);
			f.append('q_options', options);
		}
		f.append('q_multiple', '2');
		expect(questionsFromForm(f)).toEqual([
			{ text: 'Beskriv lösningen', kind: 'text' },
			{ text: 'Mognadsgrad?', kind: 'choice', options: ['Idé', 'Prototyp', 'På marknaden'], multiple: true }
		]);
	});
});
