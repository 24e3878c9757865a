/**
 * Anti-automation for this module's costly operations (ASVS 5.0 §2.4.1): building a DOCX export
 * takes CPU and memory, so one account may build at most 30 in 10 minutes — far more than a
 * person downloads, far less than a script would. Counters live per app, like the sign-in limits.
 */
import type { App } from '../app.ts';
import { errorResponse } from '../http/api.ts';
import { SlidingWindow } from '../auth/ratelimit.ts';

export const EXPORT_LIMIT = { max: 30, windowMs: 10 * 60_000 };

const exportWindows = new WeakMap<App, SlidingWindow>();

/** Counts one export for the user; when over the limit, the 429 answer (with `Retry-After`) to send instead. */
export function takeExport(app: App, userId: string): Response | null {
	let w = exportWindows.get(app);
	if (!w) exportWindows.set(app, (w = new SlidingWindow(EXPORT_LIMIT)));
	const wait = w.retryAfter(userId);
	if (wait > 0) {
		app.log.warn('requirements.export_rate_limited', { userId });
		return errorResponse(429, 'rate_limited', `För många exporter. Försök igen om ${wait} sekunder.`, { 'retry-after': String(wait) });
	}
	w.hit(userId);
	return null;
}
