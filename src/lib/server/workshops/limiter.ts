/**
 * A fixed-window counter per key (here: client IP), kept in memory. Used for join-code
 * attempts: only failed attempts count, so a whole venue behind one address can still join,
 * while guessing codes stops after a handful of misses.
 */
export interface Limiter {
	/** True when the key has used up its attempts in the current window. */
	blocked(key: string, now?: number): boolean;
	/** Counts one attempt against the key. */
	hit(key: string, now?: number): void;
	/** Seconds until the key's window ends (for `Retry-After`). */
	retryAfter(key: string, now?: number): number;
}

export function createLimiter(opts: { limit: number; windowMs: number; maxKeys?: number }): Limiter {
	const windows = new Map<string, { start: number; count: number }>();
	const maxKeys = opts.maxKeys ?? 50_000;
	const current = (key: string, now: number) => {
		const w = windows.get(key);
		if (!w || now - w.start >= opts.windowMs) return null;
		return w;
	};
	return {
		blocked(key, now = Date.now()) {
			const w = current(key, now);
			return !!w && w.count >= opts.limit;
		},
		hit(key, now = Date.now()) {
			const w = current(key, now);
			if (w) {
				w.count++;
				return;
			}
			if (windows.size >= maxKeys) {
				// Drop expired windows first; if still full, the oldest entry goes.
				for (const [k, v] of windows) if (now - v.start >= opts.windowMs) windows.delete(k);
				if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
			}
			windows.set(key, { start: now, count: 1 });
		},
		retryAfter(key, now = Date.now()) {
			const w = current(key, now);
			return w ? Math.max(1, Math.ceil((w.start + opts.windowMs - now) / 1000)) : 0;
		}
	};
}
