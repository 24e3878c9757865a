import { describe, expect, it } from 'vitest';
import { pricePoints, rank } from './ranking.ts';
import type { TenderCriterion } from '../db/schema/tenders.ts';

const price: TenderCriterion = { id: 'p', name: 'Pris', weight: 40, kind: 'price', requirementIds: [] };
const quality: TenderCriterion = { id: 'q', name: 'Kvalitet', weight: 60, kind: 'quality', requirementIds: [] };

describe('the price formula', () => {
	it('gives the lowest price full points and others lowest / price × weight', () => {
		expect(pricePoints(100_000, 100_000, 40)).toBe(40);
		expect(pricePoints(200_000, 100_000, 40)).toBe(20);
		expect(pricePoints(300_000, 100_000, 30)).toBe(10);
	});
	it('gives no points for a price that is not a price', () => {
		expect(pricePoints(0, 100_000, 40)).toBe(0);
		expect(pricePoints(-5, 100_000, 40)).toBe(0);
	});
});

describe('the ranking', () => {
	it('weights the mean quality score and adds price points', () => {
		const r = rank({
			criteria: [price, quality],
			submissions: [
				{ id: 'a', priceSek: 100_000 },
				{ id: 'b', priceSek: 200_000 }
			],
			scores: [
				{ submissionId: 'a', criterionId: 'q', userId: 'u1', score: 4 },
				{ submissionId: 'a', criterionId: 'q', userId: 'u2', score: 6 },
				{ submissionId: 'b', criterionId: 'q', userId: 'u1', score: 10 },
				{ submissionId: 'b', criterionId: 'q', userId: 'u2', score: 10 }
			]
		});
		// a: 40 + 5/10 × 60 = 70; b: 20 + 60 = 80
		expect(r.map((x) => [x.submissionId, x.total, x.rank])).toEqual([
			['b', 80, 1],
			['a', 70, 2]
		]);
		expect(r[0].criteria[1]).toMatchObject({ mean: 10, consensus: true, scores: 2 });
		expect(r[1].criteria[1]).toMatchObject({ mean: 5, consensus: false });
	});

	it('shows ties as equal ranks and never breaks them', () => {
		const r = rank({
			criteria: [price],
			submissions: [
				{ id: 'a', priceSek: 100 },
				{ id: 'b', priceSek: 100 },
				{ id: 'c', priceSek: 200 }
			],
			scores: []
		});
		expect(r.map((x) => [x.rank, x.tied])).toEqual([
			[1, true],
			[1, true],
			[3, false]
		]);
	});

	it('gives an unscored quality criterion no points and no mean', () => {
		const [only] = rank({ criteria: [quality], submissions: [{ id: 'a', priceSek: 1 }], scores: [] });
		expect(only.criteria[0]).toMatchObject({ points: 0, mean: null, consensus: null });
	});
});
