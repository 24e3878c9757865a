/**
 * The server's clock. Deadlines, reminders and scheduled work ask `app.clock.now()` instead of
 * `new Date()`, so that tests move time instead of waiting (an RFI deadline passes, a reminder
 * falls due) and every rule that depends on time is decided by the server, never the browser.
 */
export interface Clock {
	now(): Date;
}

/** Wall-clock time: what production runs on. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that tests set and move. Starts at the given instant (default: the real now) and
 * stands still until told otherwise, so a test reads the same time twice.
 */
export class ManualClock implements Clock {
	#at: number;
	constructor(start: Date | string | number = Date.now()) {
		this.#at = new Date(start).getTime();
	}
	now(): Date {
		return new Date(this.#at);
	}
	set(at: Date | string | number): void {
		this.#at = new Date(at).getTime();
	}
	advance(ms: number): void {
		this.#at += ms;
	}
}
