/**
 * Swedish local time (Europe/Stockholm) for files and filters. Journal rows are stored in UTC;
 * people read and filter them in the time on the office wall, summer time included.
 */

export const TIME_ZONE = 'Europe/Stockholm';

const parts = new Intl.DateTimeFormat('sv-SE', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

function fields(value: Date | string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const p of parts.formatToParts(new Date(value))) out[p.type] = p.value;
	return out;
}

/** `2026-03-29 03:15:00`: date and time in Stockholm, the form Swedish Excel reads as a date. */
export function stockholmDateTime(value: Date | string): string {
	const f = fields(value);
	return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second}`;
}

/** `2026-03-29`: the calendar day in Stockholm. */
export function stockholmDate(value: Date | string): string {
	const f = fields(value);
	return `${f.year}-${f.month}-${f.day}`;
}

/** Minutes Stockholm is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(at: number): number {
	const f = fields(new Date(at));
	const local = Date.UTC(+f.year, +f.month - 1, +f.day, +f.hour, +f.minute, +f.second);
	return Math.round((local - Math.floor(at / 1000) * 1000) / 60_000);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
	const m = DAY.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/**
 * The instant a Stockholm calendar day begins (`YYYY-MM-DD`), e.g. 2026-07-01 → 2026-06-30T22:00Z.
 * Clock changes happen at 02:00/03:00, so local midnight always exists exactly once.
 */
export function stockholmDayStart(day: string): Date {
	const m = DAY.exec(day);
	if (!m || !isCalendarDay(day)) throw new RangeError(`not a calendar day: ${day}`);
	const naive = Date.UTC(+m[1], +m[2] - 1, +m[3]);
	let at = naive - offsetMinutes(naive) * 60_000;
	at = naive - offsetMinutes(at) * 60_000;
	return new Date(at);
}

/** The instant the Stockholm day after `day` begins: the exclusive end of `day`. */
export function stockholmDayEnd(day: string): Date {
	const start = stockholmDayStart(day);
	const next = new Date(start.getTime() + 36 * 3_600_000);
	return stockholmDayStart(stockholmDate(next));
}
