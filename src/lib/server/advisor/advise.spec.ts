import { describe, expect, it } from 'vitest';
import { advise, type AdviceInput, type Procedure, type ThresholdUsed } from './advise.ts';

const DA: ThresholdUsed = { name: 'direct_award', sek: 700_000, validFrom: '2022-02-01', validTo: null, reviewBy: null, reviewOverdue: false, source: 'LOU 19 kap. 2 §' };
const EU: ThresholdUsed = { name: 'eu_threshold', sek: 2_389_585, validFrom: '2024-01-01', validTo: null, reviewBy: null, reviewOverdue: false, source: '(EU) 2023/2495' };
const base: AdviceInput = { estimatedValueSek: 0, purchaseKind: 'services', buyerKind: 'municipality_region', marketSituation: 'exists', needsRnd: false };

function fitOf(procedure: Procedure, input: Partial<AdviceInput>, sameKindSek = 0) {
	const a = advise({ ...base, ...input }, { directAward: DA, euThreshold: EU }, { sameKindSek });
	return a.recommendations.find((r) => r.procedure === procedure)!;
}

describe('direct award at and around the direct-award limit (700 000 SEK)', () => {
	it.each([
		[0, 'good'],
		[100_000, 'good'],
		[699_999, 'good'],
		[700_000, 'good'],
		[700_001, 'unsuitable'],
		[2_000_000, 'unsuitable']
	] as const)('a purchase of %i SEK is %s for direct award', (value, fit) => {
		expect(fitOf('direct_award', { estimatedValueSek: value }).fit).toBe(fit);
	});

	it.each([
		[100_000, false],
		[100_001, true]
	] as const)('a direct award of %i SEK needs a documented reason: %s', (value, needed) => {
		expect(Boolean(fitOf('direct_award', { estimatedValueSek: value }).requiresReason)).toBe(needed);
	});
});

describe('aggregation of same-kind purchases in the year', () => {
	it.each([
		// [this purchase, other same-kind purchases, fit, remaining under the limit]
		[300_000, 400_000, 'good', 0],
		[300_000, 399_999, 'good', 1],
		[300_000, 400_001, 'unsuitable', 0],
		[0, 700_000, 'good', 0],
		[100_000, 0, 'good', 600_000]
	] as const)('%i SEK with %i SEK already bought is %s, leaving %i SEK', (value, other, fit, remaining) => {
		const a = advise({ ...base, estimatedValueSek: value }, { directAward: DA, euThreshold: EU }, { sameKindSek: other });
		expect(a.recommendations.find((r) => r.procedure === 'direct_award')!.fit).toBe(fit);
		expect(a.aggregation).toMatchObject({ sameKindSek: other, remainingUnderDirectAwardSek: remaining, totalSek: value + other });
	});

	it('warns against splitting when only the other purchases push the total over the limit', () => {
		const a = advise({ ...base, estimatedValueSek: 300_000 }, { directAward: DA, euThreshold: EU }, { sameKindSek: 500_000 });
		expect(a.warnings.map((w) => w.code)).toContain('splitting_forbidden');
		expect(a.recommendations.find((r) => r.procedure === 'direct_award')!.reasons.map((r) => r.code)).toContain('direct_aggregation_exceeds');
	});

	it('does not warn about splitting when the purchase alone is over the limit', () => {
		const a = advise({ ...base, estimatedValueSek: 900_000 }, { directAward: DA, euThreshold: EU }, { sameKindSek: 500_000 });
		expect(a.warnings.map((w) => w.code)).not.toContain('splitting_forbidden');
	});
});

describe('the EU threshold decides between national and directive rules', () => {
	it.each([
		[2_389_584, false, 6],
		[2_389_585, true, 10],
		[2_389_586, true, 10]
	] as const)('%i SEK is above the threshold: %s (open procedure takes at least %i weeks)', (value, above, weeks) => {
		const a = advise({ ...base, estimatedValueSek: value }, { directAward: DA, euThreshold: EU }, { sameKindSek: 0 });
		expect(a.aboveEuThreshold).toBe(above);
		expect(a.recommendations.find((r) => r.procedure === 'open_or_simplified')!.minimumWeeks).toBe(weeks);
	});

	it('counts same-kind purchases towards the EU threshold too', () => {
		const a = advise({ ...base, estimatedValueSek: 2_000_000 }, { directAward: DA, euThreshold: EU }, { sameKindSek: 400_000 });
		expect(a.aboveEuThreshold).toBe(true);
	});

	it('says which figures it used, and from when', () => {
		const a = advise(base, { directAward: DA, euThreshold: EU }, { sameKindSek: 0 });
		expect(a.thresholdsUsed).toEqual([DA, EU]);
	});
});

describe('market situation and R&D steer the procedure', () => {
	it.each([
		['exists', false, 'open_or_simplified', 'good'],
		['exists', false, 'innovation_partnership', 'unsuitable'],
		['exists', false, 'pre_commercial', 'unsuitable'],
		['needs_adaptation', false, 'negotiated', 'good'],
		['needs_adaptation', false, 'competitive_dialogue', 'good'],
		['unknown', false, 'open_or_simplified', 'possible'],
		['not_on_market', true, 'innovation_partnership', 'good'],
		['not_on_market', true, 'pre_commercial', 'good'],
		['not_on_market', true, 'open_or_simplified', 'unsuitable'],
		['not_on_market', false, 'innovation_partnership', 'possible'],
		['needs_adaptation', true, 'pre_commercial', 'possible']
	] as const)('market %s, R&D %s: %s is %s', (marketSituation, needsRnd, procedure, fit) => {
		expect(fitOf(procedure, { estimatedValueSek: 5_000_000, marketSituation, needsRnd }).fit).toBe(fit);
	});

	it('offers a small direct-awarded pilot only as possible when the solution does not exist', () => {
		expect(fitOf('direct_award', { estimatedValueSek: 200_000, marketSituation: 'not_on_market', needsRnd: true }).fit).toBe('possible');
	});

	it('lists good fits first and carries the pros and cons from seed 000', () => {
		const a = advise({ ...base, estimatedValueSek: 5_000_000, marketSituation: 'not_on_market', needsRnd: true }, { directAward: DA, euThreshold: EU }, { sameKindSek: 0 });
		const fits = a.recommendations.map((r) => r.fit);
		expect(fits).toEqual([...fits].sort((x, y) => ['good', 'possible', 'unsuitable'].indexOf(x) - ['good', 'possible', 'unsuitable'].indexOf(y)));
		const ip = a.recommendations.find((r) => r.procedure === 'innovation_partnership')!;
		expect(ip.pros).toContain('Option att köpa den utvecklade produkten');
		expect(ip.cons).toContain('Praxis saknas');
	});
});

describe('missing threshold data', () => {
	it('never recommends a direct award when no limit is known, and says so', () => {
		const a = advise({ ...base, estimatedValueSek: 10_000 }, { directAward: null, euThreshold: null }, { sameKindSek: 0 });
		expect(a.recommendations.find((r) => r.procedure === 'direct_award')!.fit).toBe('unsuitable');
		expect(a.warnings.map((w) => w.code)).toEqual(['no_direct_award_threshold', 'no_eu_threshold']);
	});
});
