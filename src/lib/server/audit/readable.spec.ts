import { describe, expect, it } from 'vitest';
import { journalCsv, type ReadableEntry } from './readable.ts';

const entry: ReadableEntry = {
	id: 4711,
	seq: 3,
	at: '2026-07-01T08:05:09.000Z',
	actor: { userId: null, label: '=HYPERLINK("x")' },
	actorName: '=HYPERLINK("x")',
	action: 'workshop.closed',
	data: { workshopId: 'w', from: 'formulate', to: 'closed', note: 'säg "hej"; tack' },
	hash: 'ab'.repeat(32),
	text: 'Maria Lind avslutade workshoppen ”Behov”.',
	details: [{ label: 'Röster', value: '5' }]
};

describe('the journal CSV', () => {
	it('puts the number, Stockholm time, who, the sentence and details first, and the raw event beside them', () => {
		const csv = journalCsv([entry], 'sv');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const [head, row] = csv.slice(1).split('\r\n');
		expect(head).toBe('"Nr";"Tid (svensk tid)";"Vem";"Händelse";"Detaljer";"Händelsekod";"Rådata";"Hash"');
		expect(row.startsWith('3;2026-07-01 10:05:09;')).toBe(true);
		expect(row).toContain(`"'=HYPERLINK(""x"")"`);
		expect(row).toContain('"Maria Lind avslutade workshoppen ”Behov”."');
		expect(row).toContain('"Röster: 5"');
		expect(row).toContain('"workshop.closed"');
		expect(row).toContain('"{""from"":""formulate"",""note"":""säg \\""hej\\""; tack"",""to"":""closed"",""workshopId"":""w""}"');
	});

	it('has English headings for English readers', () => {
		expect(journalCsv([], 'en').slice(1)).toBe('"No.";"Time (Swedish time)";"Who";"Event";"Details";"Event code";"Raw data";"Hash"\r\n');
	});
});
