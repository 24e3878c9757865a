/**
 * The limit on join codes, designed from numbers (the arithmetic is in docs/workshops.md).
 *
 * The limit bounds *guesses*, not joins. Per client address it keeps the codes that address has
 * already joined with (a venue's code, after the first phone got in) and treats each request as:
 * - `known`: a code this address found (joined, or was told "not started yet") in the last 24 h —
 *   always looked up, never refused;
 * - `typo`: a well-formed code within two substitutions of a known code — answered "unknown code"
 *   without a lookup and never counted. Live codes are kept at least three substitutions apart
 *   (`farFromAll`), so such a code cannot be another live workshop: answering without a lookup
 *   is both correct and free of guessing risk;
 * - `guess`: anything else that is well-formed. Each guess that is looked up may hit any of the
 *   L live codes, with chance L / N (N = 25^6). The address's summed chance over any 24 hours
 *   is kept at or below `P_MAX_PER_DAY` (1 in 10 000), and misses at or below `BURST.limit`
 *   per 10 minutes; beyond either, guesses are refused (429) — but known codes still work.
 * Malformed input (wrong length, characters outside the alphabet) can never match a code and is
 * not counted at all.
 */
import { CODE_ALPHABET, CODE_LENGTH } from './codes.ts';

/** Number of possible codes: 25^6 = 244 140 625. */
export const CODE_SPACE = CODE_ALPHABET.length ** CODE_LENGTH;
/** Highest accepted chance that one address finds any live code within 24 hours. */
export const P_MAX_PER_DAY = 1e-4;
/** Misses allowed per address per 10 minutes (a venue's 40 typos fit, a scan is slowed). */
export const BURST = { limit: 60, windowMs: 10 * 60_000 };
/** Codes closer than this (in substitutions) are never live at the same time. */
export const MIN_CODE_DISTANCE = 3;
/** How long an address keeps a code it joined with, and how long risk counts against it. */
export const DAY_MS = 24 * 3_600_000;
const HOUR_MS = 3_600_000;

/** Positions at which two codes of equal length differ. */
export function hamming(a: string, b: string): number {
	if (a.length !== b.length) return Math.max(a.length, b.length);
	let d = 0;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
	return d;
}

/** Whether a new code keeps the minimum distance to every code that is (or recently was) live. */
export function farFromAll(code: string, others: Iterable<string>): boolean {
	for (const o of others) if (hamming(code, o) < MIN_CODE_DISTANCE) return false;
	return true;
}

/** Guesses one address may make per day when L codes are live: P_MAX · N / L. */
export function guessesPerDay(liveCodes: number): number {
	return Math.floor((P_MAX_PER_DAY * CODE_SPACE) / Math.max(1, liveCodes));
}

/**
 * The limiter key of an address: IPv4 as is, IPv6 by its /64 (one household or phone usually
 * holds a whole /64, so single IPv6 addresses would be free to rotate).
 */
export function addressKey(ip: string): string {
	const v4 = ip.match(/^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i);
	if (v4) return v4[1];
	if (!ip.includes(':')) return ip;
	const [head, tail = ''] = ip.toLowerCase().split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
	return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export type Verdict =
	| { kind: 'known' }
	| { kind: 'typo' }
	| { kind: 'guess' }
	| { kind: 'refused'; retryAfter: number };

interface AddressState {
	/** Code → last successful join (ms). */
	known: Map<string, number>;
	/** Hour index → summed chance of the guesses made in that hour. */
	risk: Map<number, number>;
	/** Times of misses within the burst window. */
	misses: number[];
}

export interface JoinGuard {
	/** What a request with this (normalised) code is, for this address, now. */
	classify(ip: string, code: string, now?: number): Verdict;
	/**
	 * Admits one guess when the address still has room for it, and charges its chance (L / N)
	 * at once, before the lookup, so parallel requests cannot overspend. Returns the refusal
	 * otherwise.
	 */
	admitGuess(ip: string, liveCodes: number, now?: number): { ok: true } | { ok: false; retryAfter: number };
	/** A guess missed: counts against the burst limit. */
	recordMiss(ip: string, now?: number): void;
	/** A join succeeded: the code becomes known to the address. */
	recordJoin(ip: string, code: string, now?: number): void;
}

export interface JoinGuardOptions {
	pMax?: number;
	burst?: { limit: number; windowMs: number };
	/** Addresses remembered at most (memory bound); the least recently used goes first. */
	maxAddresses?: number;
	/** Known codes per address at most. */
	maxKnownPerAddress?: number;
}

export function createJoinGuard(opts: JoinGuardOptions = {}): JoinGuard {
	const pMax = opts.pMax ?? P_MAX_PER_DAY;
	const burst = opts.burst ?? BURST;
	const maxAddresses = opts.maxAddresses ?? 50_000;
	const maxKnown = opts.maxKnownPerAddress ?? 16;
	const states = new Map<string, AddressState>();

	function state(ip: string, now: number, create: boolean): AddressState | null {
		const key = addressKey(ip);
		let s = states.get(key);
		if (s) {
			states.delete(key); // re-insert: Map order is then least recently used first
			states.set(key, s);
		} else if (create) {
			if (states.size >= maxAddresses) states.delete(states.keys().next().value!);
			s = { known: new Map(), risk: new Map(), misses: [] };
			states.set(key, s);
		} else return null;
		// Forget what no longer counts. Risk is kept per hour; the last 25 hour buckets cover
		// every 24-hour span that ends now, so the bound holds for any 24 hours, not only for
		// calendar days.
		const hour = Math.floor(now / HOUR_MS);
		for (const h of s.risk.keys()) if (h <= hour - 25) s.risk.delete(h);
		for (const [c, t] of s.known) if (now - t >= DAY_MS) s.known.delete(c);
		while (s.misses.length && now - s.misses[0] >= burst.windowMs) s.misses.shift();
		return s;
	}

	const riskOf = (s: AddressState) => [...s.risk.values()].reduce((a, b) => a + b, 0);

	return {
		classify(ip, code, now = Date.now()) {
			const s = state(ip, now, false);
			if (!s) return { kind: 'guess' };
			if (s.known.has(code)) return { kind: 'known' };
			for (const k of s.known.keys()) if (hamming(k, code) < MIN_CODE_DISTANCE) return { kind: 'typo' };
			return { kind: 'guess' };
		},
		admitGuess(ip, liveCodes, now = Date.now()) {
			const s = state(ip, now, true)!;
			const chance = Math.max(1, liveCodes) / CODE_SPACE;
			if (s.misses.length >= burst.limit) {
				return { ok: false, retryAfter: Math.max(1, Math.ceil((s.misses[0] + burst.windowMs - now) / 1000)) };
			}
			if (riskOf(s) + chance > pMax) {
				// Wait until enough of the oldest hours have dropped out of the 25-hour span.
				const hour = Math.floor(now / HOUR_MS);
				let total = riskOf(s);
				let freeAt = now;
				for (const h of [...s.risk.keys()].sort((a, b) => a - b)) {
					total -= s.risk.get(h)!;
					freeAt = (h + 25) * HOUR_MS;
					if (total + chance <= pMax) break;
				}
				if (freeAt <= now) freeAt = (hour + 1) * HOUR_MS;
				return { ok: false, retryAfter: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
			}
			const hour = Math.floor(now / HOUR_MS);
			s.risk.set(hour, (s.risk.get(hour) ?? 0) + chance);
			return { ok: true };
		},
		recordMiss(ip, now = Date.now()) {
			state(ip, now, true)!.misses.push(now);
		},
		recordJoin(ip, code, now = Date.now()) {
			const s = state(ip, now, true)!;
			s.known.delete(code);
			s.known.set(code, now);
			if (s.known.size > maxKnown) s.known.delete(s.known.keys().next().value!);
		}
	};
}
