/**
 * Anti-automation for sign-in and sign-up (ASVS 5.0 §6.3.1, §6.1.1): in-memory sliding-window
 * counters, one set per app (so every test server starts clean). With several processes
 * (`REDIS_URL`), every hit and reset is replicated to the other processes through Redis
 * (`cluster.replicate`), so a limit reached through one process holds through all of them.
 *
 * The limits, and why:
 * - **Failed sign-ins per account and address** (`loginPair`): 10 in 15 minutes. The soft limit
 *   that stops guessing from one place; it keys on account *and* client address, so somebody
 *   elsewhere cannot lock the real user out (no malicious lockout).
 * - **Failed sign-ins per account** (`loginAccount`): 100 in an hour, from anywhere — the hard
 *   ASVS bound ("no more than 100 failed attempts per hour per account"); a distributed attack
 *   can then delay the user by at most the rest of that hour.
 * - **Failed sign-ins per address** (`loginIp`): 50 in 15 minutes, across accounts
 *   (password spraying). A municipality behind one NAT does not fail 50 times in 15 minutes.
 * - **Sign-up attempts per address** (`signupIp`): 60 in 10 minutes, counting refused ones too,
 *   which also bounds how fast "email already registered" answers can be harvested.
 * - **Organisation invitations per user** (`inviteUser`): 50 an hour, so an account cannot be
 *   used to send mail in bulk.
 * - **New-password links** per address (`resetIp`): 20 requests or wrong links in 15 minutes;
 *   per account (`resetAccount`): 5 mails an hour, so nobody can flood a colleague's inbox.
 *
 * Only failures count for sign-in; a successful sign-in clears its account-and-address window.
 */
import { replicate, type Cluster } from '../cluster.ts';
import type { Logger } from '../log.ts';

export interface WindowLimit {
	/** Events allowed inside the window. */
	max: number;
	/** Window length, ms. */
	windowMs: number;
}

/**
 * A sliding-window log: for each key the times of recent events, pruned as they age out.
 * `now` is injectable so tests move the clock instead of waiting.
 */
export class SlidingWindow {
	readonly limit: WindowLimit;
	private events = new Map<string, number[]>();
	private now: () => number;

	constructor(limit: WindowLimit, now: () => number = Date.now) {
		this.limit = limit;
		this.now = now;
	}

	private recent(key: string): number[] {
		const list = this.events.get(key);
		if (!list) return [];
		const from = this.now() - this.limit.windowMs;
		let drop = 0;
		while (drop < list.length && list[drop] <= from) drop++;
		if (drop) list.splice(0, drop);
		if (!list.length) this.events.delete(key);
		return list;
	}

	/** Seconds until another event is allowed for this key; 0 when one is allowed now. */
	retryAfter(key: string): number {
		const list = this.recent(key);
		if (list.length < this.limit.max) return 0;
		// The oldest event that must age out for the count to fall under the limit.
		const oldest = list[list.length - this.limit.max];
		return Math.max(1, Math.ceil((oldest + this.limit.windowMs - this.now()) / 1000));
	}

	/** Records one event for this key (at `at`, default now: a replicated hit keeps its own time). */
	hit(key: string, at: number = this.now()): void {
		const list = this.recent(key);
		let i = list.length;
		while (i > 0 && list[i - 1] > at) i--;
		list.splice(i, 0, at);
		this.events.set(key, list);
		if (this.events.size > 100_000) this.sweep();
	}

	/** Forgets a key (after a successful sign-in). */
	reset(key: string): void {
		this.events.delete(key);
	}

	/** Number of events currently in the window for this key. */
	count(key: string): number {
		return this.recent(key).length;
	}

	/** Drops keys whose events have all aged out, so memory stays bounded. */
	sweep(): void {
		for (const key of [...this.events.keys()]) this.recent(key);
	}
}

const MINUTE = 60_000;

export const LIMITS = {
	loginPair: { max: 10, windowMs: 15 * MINUTE },
	loginAccount: { max: 100, windowMs: 60 * MINUTE },
	loginIp: { max: 50, windowMs: 15 * MINUTE },
	signupIp: { max: 60, windowMs: 10 * MINUTE },
	inviteUser: { max: 50, windowMs: 60 * MINUTE },
	resetIp: { max: 20, windowMs: 15 * MINUTE },
	resetAccount: { max: 5, windowMs: 60 * MINUTE },
	/** Uploads per user: a busy answer has a few dozen attachments, not hundreds an hour. */
	uploadUser: { max: 120, windowMs: 60 * MINUTE }
} as const satisfies Record<string, WindowLimit>;

export type Limiters = { [K in keyof typeof LIMITS]: SlidingWindow };

export function createLimiters(now: () => number = Date.now): Limiters {
	return Object.fromEntries(
		Object.entries(LIMITS).map(([name, limit]) => [name, new SlidingWindow(limit, now)])
	) as Limiters;
}

/**
 * One set of limiters per app, kept on `globalThis`: this module runs twice in one process (the
 * Node entry in `server/` and the SvelteKit bundle), and both must count in the same windows —
 * and, with several processes, listen to the others from the start (`createApp`).
 */
const perApp: WeakMap<object, Limiters> = ((globalThis as Record<symbol, unknown>)[Symbol.for('brygga.limiters')] ??= new WeakMap()) as WeakMap<object, Limiters>;

/**
 * The limiters of one app (created on first use). In multi-process mode each window's hits and
 * resets are replicated to every process (`cluster.replicate`).
 */
export function limitersFor(app: { cluster?: Cluster; log?: Logger }): Limiters {
	let l = perApp.get(app);
	if (!l) {
		l = createLimiters();
		const { cluster, log } = app;
		if (cluster && log) {
			l = Object.fromEntries(
				Object.entries(l).map(([name, w]) => [name, replicate(cluster, `window:${name}`, w as SlidingWindow, { hit: 1, reset: -1 }, log)])
			) as Limiters;
		}
		perApp.set(app, l);
	}
	return l;
}

/**
 * Seconds to wait before this sign-in may be tried, or 0. Checked before the password is
 * looked at, so a limited attempt learns nothing, not even whether the password was right.
 */
export function loginRetryAfter(l: Limiters, email: string, ip: string): number {
	return Math.max(
		l.loginPair.retryAfter(`${email}\n${ip}`),
		l.loginAccount.retryAfter(email),
		l.loginIp.retryAfter(ip)
	);
}

export function recordLoginFailure(l: Limiters, email: string, ip: string): void {
	l.loginPair.hit(`${email}\n${ip}`);
	l.loginAccount.hit(email);
	l.loginIp.hit(ip);
}

export function recordLoginSuccess(l: Limiters, email: string, ip: string): void {
	l.loginPair.reset(`${email}\n${ip}`);
}
