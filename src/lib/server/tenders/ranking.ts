/**
 * The evaluation arithmetic, pure so it can be tested on its own and read by anyone who has to
 * defend a ranking.
 *
 * - A criterion's weight is its maximum points.
 * - Price: points = lowest price / tender price × weight (the lowest price gets full points; a
 *   price of 0 or less is not a price and gets no points).
 * - Quality: each evaluator scores 0–10; the criterion's points = mean score / 10 × weight.
 *   `consensus` says whether every evaluator gave the same score.
 * - The total is the sum over criteria. Ties are shown as equal ranks (1, 1, 3), never broken.
 */
import type { TenderCriterion } from '../db/schema/tenders.ts';

export const MAX_SCORE = 10;

export interface RankingInput {
	criteria: TenderCriterion[];
	submissions: Array<{ id: string; priceSek: number }>;
	scores: Array<{ submissionId: string; criterionId: string; userId: string; score: number }>;
}

export interface CriterionResult {
	criterionId: string;
	points: number;
	/** Quality: the evaluators' mean score (null when nobody scored yet); price: null. */
	mean: number | null;
	consensus: boolean | null;
	scores: number;
}

export interface RankedSubmission {
	submissionId: string;
	rank: number;
	total: number;
	tied: boolean;
	criteria: CriterionResult[];
}

/** Rounds to two decimals so equal points compare equal. */
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Price points by the lowest-price formula. */
export function pricePoints(price: number, lowest: number, weight: number): number {
	if (!(price > 0) || !(lowest > 0)) return 0;
	return round2((lowest / price) * weight);
}

export function rank(input: RankingInput): RankedSubmission[] {
	const prices = input.submissions.map((s) => s.priceSek).filter((p) => p > 0);
	const lowest = prices.length ? Math.min(...prices) : 0;
	const rows = input.submissions.map((s) => {
		const criteria = input.criteria.map((c): CriterionResult => {
			if (c.kind === 'price') return { criterionId: c.id, points: pricePoints(s.priceSek, lowest, c.weight), mean: null, consensus: null, scores: 0 };
			const given = input.scores.filter((x) => x.submissionId === s.id && x.criterionId === c.id).map((x) => x.score);
			if (!given.length) return { criterionId: c.id, points: 0, mean: null, consensus: null, scores: 0 };
			const mean = given.reduce((a, b) => a + b, 0) / given.length;
			return { criterionId: c.id, points: round2((mean / MAX_SCORE) * c.weight), mean: round2(mean), consensus: given.every((g) => g === given[0]), scores: given.length };
		});
		return { submissionId: s.id, total: round2(criteria.reduce((a, c) => a + c.points, 0)), criteria };
	});
	rows.sort((a, b) => b.total - a.total);
	return rows.map((r) => {
		const rankOf = rows.findIndex((o) => o.total === r.total) + 1;
		const tied = rows.filter((o) => o.total === r.total).length > 1;
		return { ...r, rank: rankOf, tied };
	});
}
