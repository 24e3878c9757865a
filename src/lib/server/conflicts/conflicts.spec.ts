import { describe, expect, it } from 'vitest';
import { journalData, workshopDate, type ConflictEntry } from './index.ts';

describe("a workshop's date in the conflicts register", () => {
	it('is the Swedish calendar day, not the UTC one', () => {
		expect(workshopDate(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07');
		expect(workshopDate(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
		expect(workshopDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
	});
});

describe('the journal entry of a conflict', () => {
	const entry: ConflictEntry = {
		organisation: { id: 'o1', name: 'Kortbolaget AB', kind: 'supplier' },
		users: [{ id: 'u1', name: 'Kim' }],
		level: 'flagged',
		evidence: [
			{ docName: 'brief.i1', updates: 3, firstAt: '2026-12-01T09:00:00.000Z', lastAt: '2026-12-01T09:05:00.000Z' },
			{ source: 'workshop_participation', workshop: { id: 'w1', title: 'Anonym verkstad', date: '2026-12-02' } }
		]
	};

	it('names counted work by document and anonymous workshops by workshop and date only, with no count and no time', () => {
		const data = journalData(entry, entry.users[0]);
		expect(data).toEqual({
			organisationId: 'o1',
			organisation: 'Kortbolaget AB',
			userId: 'u1',
			user: 'Kim',
			evidence: ['brief.i1'],
			participation: [{ workshopId: 'w1', workshop: 'Anonym verkstad', date: '2026-12-02' }]
		});
		expect(JSON.stringify(data)).not.toMatch(/T\d\d:\d\d/);
	});

	it('leaves participation out when there was none', () => {
		expect(journalData({ ...entry, evidence: [entry.evidence[0]] }, entry.users[0])).not.toHaveProperty('participation');
	});
});
