import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addressKey, BURST, CODE_SPACE, createJoinGuard, DAY_MS, farFromAll, guessesPerDay, hamming, P_MAX_PER_DAY } from './join-guard.ts';
import { generateJoinCode } from './codes.ts';

const VENUE = '198.51.100.7';
const CODE = 'ACDEFG';

/** One plausible phone typo of a code: one character swapped for another, or two neighbours transposed. */
function typoOf(code: string, i: number): string {
	const chars = [...code];
	if (i % 2 === 0) {
		const p = i % 6;
		chars[p] = chars[p] === 'K' ? 'M' : 'K';
	} else {
		const p = i % 5;
		[chars[p], chars[p + 1]] = [chars[p + 1], chars[p]];
	}
	return chars.join('');
}

describe('the join-code arithmetic', () => {
	it('has 25^6 codes and allows P·N/L guesses a day', () => {
		expect(CODE_SPACE).toBe(244_140_625);
		expect(guessesPerDay(1)).toBe(24_414);
		expect(guessesPerDay(100)).toBe(244);
		expect(guessesPerDay(1000)).toBe(24);
		// The allowance times the chance per guess never exceeds 1 in 10 000.
		for (const live of [1, 7, 100, 595, 1000, 24_414]) expect((guessesPerDay(live) * live) / CODE_SPACE).toBeLessThanOrEqual(P_MAX_PER_DAY);
	});

	it('measures distance in substituted characters', () => {
		expect(hamming('ACDEFG', 'ACDEFG')).toBe(0);
		expect(hamming('ACDEFG', 'ACDEFK')).toBe(1);
		expect(hamming('ACDEFG', 'CADEFG')).toBe(2);
		expect(farFromAll('ACDEFG', ['ACDKMG'])).toBe(false);
		expect(farFromAll('ACDEFG', ['ACKMNG'])).toBe(true);
	});

	it('keys IPv4 by address and IPv6 by its /64', () => {
		expect(addressKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
		expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
		expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
	});
});

describe('the join guard', () => {
	it('lets 150 guests with 40 typos in 10 minutes from one address all in', () => {
		const g = createJoinGuard();
		const t0 = 1_000_000_000;
		let joined = 0;
		let refused = 0;
		// 40 typos before, between and after the joins; the first join comes after five typos.
		const typoAt = new Set([0, 1, 2, 3, 4, ...Array.from({ length: 35 }, (_, k) => 6 + k * 5)]);
		expect(typoAt.size).toBe(40);
		for (let i = 0; i < 190; i++) {
			const now = t0 + i * 3000; // 190 requests in 9.5 minutes
			const code = typoAt.has(i) ? typoOf(CODE, i) : CODE;
			const v = g.classify(VENUE, code, now);
			if (v.kind === 'guess') {
				const admitted = g.admitGuess(VENUE, 200, now);
				if (!admitted.ok) {
					refused++;
					continue;
				}
			}
			if (v.kind === 'refused') refused++;
			if (code === CODE) {
				g.recordJoin(VENUE, code, now);
				joined++;
			} else if (v.kind === 'guess') g.recordMiss(VENUE, now);
		}
		expect(refused).toBe(0);
		expect(joined).toBe(150);
	});

	it('never refuses a code the address already joined with, whatever else it sent', () => {
		const g = createJoinGuard();
		g.recordJoin(VENUE, CODE, 0);
		for (let i = 0; i < 500; i++) {
			if (g.admitGuess(VENUE, 10, i).ok) g.recordMiss(VENUE, i);
		}
		expect(g.admitGuess(VENUE, 10, 600).ok).toBe(false);
		expect(g.classify(VENUE, CODE, 700)).toEqual({ kind: 'known' });
		expect(g.classify(VENUE, typoOf(CODE, 3), 700)).toEqual({ kind: 'typo' });
	});

	it('refuses sustained guessing after the burst limit, with a Retry-After until the window ends', () => {
		const g = createJoinGuard();
		for (let i = 0; i < BURST.limit; i++) {
			expect(g.admitGuess(VENUE, 10, i).ok).toBe(true);
			g.recordMiss(VENUE, i);
		}
		const r = g.admitGuess(VENUE, 10, BURST.limit);
		expect(r).toEqual({ ok: false, retryAfter: 600 });
		expect(g.admitGuess('203.0.113.9', 10, BURST.limit).ok).toBe(true);
		expect(g.admitGuess(VENUE, 10, BURST.windowMs).ok).toBe(true);
	});

	it('keeps the chance of finding any live code from one address at or below 1 in 10 000 in any 24 hours', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 5000 }),
				fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 4000 }),
				(live, gaps) => {
					const g = createJoinGuard();
					const admitted: Array<{ at: number; chance: number }> = [];
					let now = 0;
					for (const gap of gaps) {
						now += gap * 10;
						if (g.admitGuess(VENUE, live, now).ok) admitted.push({ at: now, chance: live / CODE_SPACE });
					}
					// The worst 24-hour span, by a sliding window over the admitted guesses.
					let worst = 0;
					let sum = 0;
					let start = 0;
					for (const a of admitted) {
						sum += a.chance;
						while (a.at - admitted[start].at >= DAY_MS) sum -= admitted[start++].chance;
						worst = Math.max(worst, sum);
					}
					return worst <= P_MAX_PER_DAY * (1 + 1e-9);
				}
			),
			{ numRuns: 60 }
		);
	});

	it('stops a day of guessing at P·N/L guesses when many codes are live', () => {
		const g = createJoinGuard({ burst: { limit: 1e9, windowMs: 1 } });
		let ok = 0;
		for (let i = 0; i < 1000; i++) if (g.admitGuess(VENUE, 1000, i * 60_000).ok) ok++;
		expect(ok).toBe(guessesPerDay(1000));
	});

	it('makes codes that keep their distance from the live ones', () => {
		const live: string[] = [];
		for (let i = 0; i < 200; i++) {
			let c = generateJoinCode();
			while (!farFromAll(c, live)) c = generateJoinCode();
			live.push(c);
		}
		for (let i = 0; i < live.length; i++) for (let j = i + 1; j < live.length; j++) expect(hamming(live[i], live[j])).toBeGreaterThanOrEqual(3);
	});
});
