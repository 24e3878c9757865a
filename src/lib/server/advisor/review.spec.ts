import { describe, expect, it } from 'vitest';
import { inUseOn, overdueForReview, reviewOverdue } from './review.ts';

const eu2024 = { validFrom: '2024-01-01', validTo: null, reviewBy: '2026-01-01' };

describe('threshold review dates', () => {
	it('does not warn before or on the review day', () => {
		expect(reviewOverdue(eu2024, '2025-06-30')).toBe(false);
		expect(reviewOverdue(eu2024, '2026-01-01')).toBe(false);
	});

	it('warns from the day after the review day while the threshold is still in use', () => {
		expect(reviewOverdue(eu2024, '2026-01-02')).toBe(true);
		expect(reviewOverdue(eu2024, '2026-12-07')).toBe(true);
	});

	it('never warns about a threshold that has ended or has no review date', () => {
		expect(reviewOverdue({ validFrom: '2022-01-01', validTo: '2023-12-31', reviewBy: '2024-01-01' }, '2026-12-07')).toBe(false);
		expect(reviewOverdue({ validFrom: '2024-01-01', validTo: null, reviewBy: null }, '2030-01-01')).toBe(false);
	});

	it('does not warn about a threshold that has not taken effect yet', () => {
		expect(inUseOn({ validFrom: '2027-01-01', validTo: null, reviewBy: '2026-01-01' }, '2026-12-07')).toBe(false);
		expect(reviewOverdue({ validFrom: '2027-01-01', validTo: null, reviewBy: '2026-01-01' }, '2026-12-07')).toBe(false);
	});

	it('picks out exactly the overdue rows of a list, keeping their order', () => {
		const rows = [
			{ id: 1, ...eu2024 },
			{ id: 2, validFrom: '2026-01-01', validTo: null, reviewBy: '2028-01-01' },
			{ id: 3, validFrom: '2022-02-01', validTo: null, reviewBy: '2024-02-01' }
		];
		expect(overdueForReview(rows, '2026-12-07').map((r) => r.id)).toEqual([1, 3]);
	});
});
