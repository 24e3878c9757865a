import { describe, expect, it } from 'vitest';
import { dueForRecheck, initialCheckedAt, recheckTickMs } from './revocation.ts';

/** Runs the periodic re-check's schedule for `conns` over `durationMs`, as the server's ticker does. */
function simulate(count: number, intervalMs: number, durationMs: number, random: () => number) {
	const tickMs = recheckTickMs(intervalMs);
	const conns = Array.from({ length: count }, (_, id) => ({ id, checkedAt: initialCheckedAt(0, intervalMs, random), checks: [] as number[] }));
	const perTick: number[] = [];
	for (let now = tickMs; now <= durationMs; now += tickMs) {
		const due = dueForRecheck(conns, now, intervalMs, tickMs);
		for (const c of due) {
			c.checkedAt = now;
			c.checks.push(now);
		}
		perTick.push(due.length);
	}
	return { conns, perTick, tickMs };
}

/** A deterministic stand-in for Math.random. */
function seeded(seed: number) {
	let x = seed;
	return () => {
		x = (x * 1103515245 + 12345) % 2 ** 31;
		return x / 2 ** 31;
	};
}

describe('the periodic re-check schedule', () => {
	it('asks about every connection at least once per interval (plus a tick or two), starting within the first one', () => {
		const { conns, tickMs } = simulate(50, 30_000, 120_000, seeded(7));
		for (const c of conns) {
			expect(c.checks[0]).toBeLessThanOrEqual(30_000 + 2 * tickMs);
			const gaps = c.checks.slice(1).map((t, i) => t - c.checks[i]);
			for (const gap of gaps) expect(gap).toBeLessThanOrEqual(30_000 + 2 * tickMs);
			expect(c.checks.length).toBeGreaterThanOrEqual(3);
		}
	});

	it('spreads 50 connections opened together over the interval instead of checking them all at once', () => {
		const { perTick, tickMs } = simulate(50, 30_000, 120_000, seeded(11));
		const share = Math.ceil((2 * 50 * tickMs) / 30_000);
		expect(Math.max(...perTick)).toBeLessThanOrEqual(share);
		expect(share).toBeLessThan(5);
		// Checks happen on many different ticks, not in one burst.
		expect(perTick.filter((n) => n > 0).length).toBeGreaterThan(40);
	});

	it('keeps up when every connection is overdue at once (e.g. after a stall), oldest first', () => {
		const intervalMs = 1000;
		const tickMs = recheckTickMs(intervalMs);
		const conns = Array.from({ length: 200 }, (_, i) => ({ id: i, checkedAt: -5000 + i }));
		const first = dueForRecheck(conns, 0, intervalMs, tickMs);
		expect(first.length).toBe(Math.ceil((2 * 200 * tickMs) / intervalMs));
		expect(first.map((c) => c.id)).toEqual([...first.map((c) => c.id)].sort((a, b) => a - b));
		expect(first[0].id).toBe(0);
		// Within one interval every overdue connection has had its turn.
		let now = 0;
		const checked = new Set<number>();
		while (now <= intervalMs) {
			for (const c of dueForRecheck(conns, now, intervalMs, tickMs)) {
				c.checkedAt = now;
				checked.add(c.id);
			}
			now += tickMs;
		}
		expect(checked.size).toBe(200);
	});

	it('checks nothing when nobody is due, and something for a single connection that is', () => {
		expect(dueForRecheck([{ checkedAt: 0 }], 29_999, 30_000, 250)).toEqual([]);
		expect(dueForRecheck([{ checkedAt: 0 }], 30_000, 30_000, 250)).toHaveLength(1);
		expect(initialCheckedAt(100_000, 30_000, () => 0)).toBe(100_000);
		expect(initialCheckedAt(100_000, 30_000, () => 0.999)).toBeGreaterThan(70_000);
		expect(recheckTickMs(200)).toBe(25);
		expect(recheckTickMs(30_000)).toBe(250);
	});
});
