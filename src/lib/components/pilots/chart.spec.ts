import { describe, expect, it } from 'vitest';
import { HEIGHT, PAD, WIDTH, layout, ticks } from './chart.ts';

describe('indicator chart geometry', () => {
	it('places the first and last date at the edges and keeps baseline and target inside', () => {
		const l = layout({
			series: [{ label: 'A', points: [{ date: '2027-01-31', value: 10, confirmed: true }, { date: '2027-03-31', value: 12, confirmed: true }] }],
			baseline: { value: 14, date: '2027-01-31' },
			target: 8
		});
		expect(l.x('2027-01-31')).toBe(PAD.left);
		expect(l.x('2027-03-31')).toBe(WIDTH - PAD.right);
		for (const v of [8, 10, 12, 14]) {
			expect(l.y(v)).toBeGreaterThanOrEqual(PAD.top);
			expect(l.y(v)).toBeLessThanOrEqual(HEIGHT - PAD.bottom);
		}
		expect(l.y(14)).toBeLessThan(l.y(8));
	});
	it('copes with a single value and no series', () => {
		const one = layout({ series: [{ label: 'A', points: [{ date: '2027-01-31', value: 5, confirmed: true }] }], baseline: null, target: 5 });
		expect(Number.isFinite(one.x('2027-01-31'))).toBe(true);
		expect(Number.isFinite(one.y(5))).toBe(true);
		expect(Number.isFinite(layout({ series: [], baseline: null, target: 3 }).y(3))).toBe(true);
	});
	it('gives round ticks', () => {
		expect(ticks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
		expect(ticks(7.2, 15.8)).toEqual([8, 10, 12, 14]);
	});
});
