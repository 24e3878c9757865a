import { describe, expect, it } from 'vitest';
import { createLimiters, loginRetryAfter, recordLoginFailure, recordLoginSuccess, SlidingWindow } from './ratelimit.ts';

function clock(start = 1_000_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('sliding window', () => {
	it('allows max events, refuses the next, and tells how many seconds to wait', () => {
		const c = clock();
		const w = new SlidingWindow({ max: 3, windowMs: 60_000 }, c.now);
		for (let i = 0; i < 3; i++) {
			expect(w.retryAfter('k')).toBe(0);
			w.hit('k');
			c.advance(10_000);
		}
		// Events at 0, 10 and 20 s; now 30 s: the first ages out at 60 s.
		expect(w.retryAfter('k')).toBe(30);
		c.advance(29_000);
		expect(w.retryAfter('k')).toBe(1);
		c.advance(1_000);
		expect(w.retryAfter('k')).toBe(0);
	});

	it('keeps keys apart and forgets a key on reset', () => {
		const c = clock();
		const w = new SlidingWindow({ max: 1, windowMs: 60_000 }, c.now);
		w.hit('a');
		expect(w.retryAfter('a')).toBeGreaterThan(0);
		expect(w.retryAfter('b')).toBe(0);
		w.reset('a');
		expect(w.retryAfter('a')).toBe(0);
	});

	it('drops aged-out keys on sweep', () => {
		const c = clock();
		const w = new SlidingWindow({ max: 5, windowMs: 1_000 }, c.now);
		w.hit('a');
		c.advance(2_000);
		w.sweep();
		expect(w.count('a')).toBe(0);
	});
});

describe('sign-in limits', () => {
	it('refuses the 11th failed attempt on one account from one address within 15 minutes', () => {
		const c = clock();
		const l = createLimiters(c.now);
		for (let i = 0; i < 10; i++) {
			expect(loginRetryAfter(l, 'anna@kommun.se', '10.0.0.1')).toBe(0);
			recordLoginFailure(l, 'anna@kommun.se', '10.0.0.1');
		}
		const wait = loginRetryAfter(l, 'anna@kommun.se', '10.0.0.1');
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(15 * 60);
		c.advance(15 * 60_000 + 1);
		expect(loginRetryAfter(l, 'anna@kommun.se', '10.0.0.1')).toBe(0);
	});

	it('does not lock the real user out from another address (no malicious lockout)', () => {
		const c = clock();
		const l = createLimiters(c.now);
		for (let i = 0; i < 10; i++) recordLoginFailure(l, 'anna@kommun.se', '203.0.113.9');
		expect(loginRetryAfter(l, 'anna@kommun.se', '10.0.0.1')).toBe(0);
	});

	it('never allows more than 100 failed attempts per account in an hour, from any number of addresses', () => {
		const c = clock();
		const l = createLimiters(c.now);
		let failures = 0;
		for (let i = 0; i < 300; i++) {
			const ip = `198.51.100.${i % 250}`;
			if (loginRetryAfter(l, 'anna@kommun.se', ip) === 0) {
				recordLoginFailure(l, 'anna@kommun.se', ip);
				failures++;
			}
			c.advance(1_000);
		}
		expect(failures).toBe(100);
	});

	it('limits failures per address across accounts (password spraying)', () => {
		const c = clock();
		const l = createLimiters(c.now);
		for (let i = 0; i < 50; i++) recordLoginFailure(l, `user${i}@kommun.se`, '10.0.0.7');
		expect(loginRetryAfter(l, 'someone-else@kommun.se', '10.0.0.7')).toBeGreaterThan(0);
	});

	it('clears the account-and-address window after a successful sign-in', () => {
		const c = clock();
		const l = createLimiters(c.now);
		for (let i = 0; i < 9; i++) recordLoginFailure(l, 'anna@kommun.se', '10.0.0.1');
		recordLoginSuccess(l, 'anna@kommun.se', '10.0.0.1');
		recordLoginFailure(l, 'anna@kommun.se', '10.0.0.1');
		expect(loginRetryAfter(l, 'anna@kommun.se', '10.0.0.1')).toBe(0);
	});
});
