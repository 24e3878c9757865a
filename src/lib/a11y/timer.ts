/**
 * What a screen reader hears from a countdown, and when. The visible clock ticks every second;
 * the spoken text must not: a live region that changes every second drowns out everything else
 * on the page, and "about 2 min left" said at 61 seconds is simply wrong. So the spoken text is
 * whole minutes, singular or plural ("1 minut kvar", "3 minuter kvar"), said when a whole minute
 * is reached, and never more often than once a minute — except "time is up", which is said
 * whenever it happens, because it is the one message that asks people to act.
 */
import { m } from '#lib/paraglide/messages.js';

export type Locale = 'sv' | 'en';

/** The least time between two spoken updates of one countdown. */
export const ANNOUNCE_EVERY_MS = 60_000;

/**
 * The spoken text for `seconds` left: whole minutes, rounded to the nearest minute (half up),
 * "less than a minute" under 60 seconds, "time is up" at 0.
 */
export function timerText(seconds: number, locale?: Locale): string {
	const options = locale ? { locale } : undefined;
	const left = Math.max(0, Math.round(seconds));
	if (left === 0) return m.ws_timer_done({}, options);
	if (left < 60) return m.ws_timer_under_minute({}, options);
	const minutes = Math.floor(left / 60 + 0.5);
	return minutes === 1 ? m.ws_timer_one_minute({}, options) : m.ws_timer_minutes_left({ minutes }, options);
}

/** Whole minutes at which a running countdown speaks: each of the last five, then every fifth. */
function isSpokenMinute(seconds: number): boolean {
	if (seconds <= 0 || seconds % 60 !== 0) return false;
	const minutes = seconds / 60;
	return minutes <= 5 || minutes % 5 === 0;
}

/**
 * Decides, tick by tick, whether a countdown should speak. Feed it the whole seconds left and
 * the current time; it answers the text to put in the live region, or null to stay silent.
 * A new deadline (the facilitator restarts the timer) starts over with an immediate update.
 */
export class TimerAnnouncer {
	#endsAt: number | null = null;
	#lastAt = -Infinity;
	#lastSeconds: number | null = null;
	#done = false;
	/** A whole minute was reached too soon after the last update: say it once the minute has passed. */
	#pending = false;

	constructor(private readonly locale?: Locale) {}

	next(endsAt: number | null, seconds: number | null, now: number): string | null {
		if (endsAt === null || seconds === null) {
			this.#endsAt = null;
			this.#lastSeconds = null;
			this.#done = false;
			this.#pending = false;
			return null;
		}
		if (endsAt !== this.#endsAt) {
			this.#endsAt = endsAt;
			this.#done = false;
			this.#pending = false;
			return this.#say(seconds, now);
		}
		if (seconds === this.#lastSeconds) return null;
		if (seconds === 0) {
			if (this.#done) return null;
			this.#done = true;
			return this.#say(0, now);
		}
		if (isSpokenMinute(seconds)) this.#pending = true;
		// A late "less than a minute" is noise: "time is up" follows within the minute anyway.
		if (this.#pending && seconds < 60) this.#pending = false;
		if (this.#pending && now - this.#lastAt >= ANNOUNCE_EVERY_MS) return this.#say(seconds, now);
		return null;
	}

	#say(seconds: number, now: number): string {
		this.#lastAt = now;
		this.#lastSeconds = seconds;
		this.#pending = false;
		if (seconds === 0) this.#done = true;
		return timerText(seconds, this.locale);
	}
}
