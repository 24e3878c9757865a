/**
 * Filters for reading a journal: by event kind, by person, by date range. Dates are Swedish
 * calendar days (Europe/Stockholm), both ends inclusive, as a reader means "from 1 to 7 March".
 */
import { isUuid } from '../access/scope.ts';
import { isCalendarDay } from '../csv/time.ts';

export interface JournalFilter {
	/** An action (`workshop.closed`) or its entity prefix (`workshop`). */
	kind?: string;
	/** A user id: rows that person did. */
	actor?: string;
	/** First Stockholm day, `YYYY-MM-DD`. */
	from?: string;
	/** Last Stockholm day, `YYYY-MM-DD`, inclusive. */
	to?: string;
}

/** `reason` says what was wrong, for pages that word it in the reader's language. */
export type FilterResult =
	| { ok: true; filter: JournalFilter }
	| { ok: false; field: keyof JournalFilter; reason: 'kind' | 'actor' | 'date' | 'range'; message: string };

const KIND = /^[a-z][a-z_]*(\.[a-z][a-z_]*)?$/;
const KIND_MAX = 100;

/** Reads `kind`, `actor`, `from`, `to` from a query string; empty values mean "no filter". */
export function parseFilter(params: URLSearchParams): FilterResult {
	const get = (k: string) => {
		const v = params.get(k);
		return v === null || v.trim() === '' ? undefined : v.trim();
	};
	const filter: JournalFilter = { kind: get('kind'), actor: get('actor'), from: get('from'), to: get('to') };
	if (filter.kind !== undefined && (filter.kind.length > KIND_MAX || !KIND.test(filter.kind))) {
		return { ok: false, field: 'kind', reason: 'kind', message: 'Händelsetypen ska vara en händelse (t.ex. workshop.closed) eller dess första del (t.ex. workshop).' };
	}
	if (filter.actor !== undefined && !isUuid(filter.actor)) return { ok: false, field: 'actor', reason: 'actor', message: 'Personen ska anges med sitt användar-id.' };
	for (const key of ['from', 'to'] as const) {
		const v = filter[key];
		if (v !== undefined && !isCalendarDay(v)) return { ok: false, field: key, reason: 'date', message: 'Datum ska skrivas ÅÅÅÅ-MM-DD och vara ett riktigt datum.' };
	}
	if (filter.from && filter.to && filter.from > filter.to) return { ok: false, field: 'to', reason: 'range', message: 'Slutdatumet kan inte vara före startdatumet.' };
	return { ok: true, filter };
}

export function isFiltered(f: JournalFilter): boolean {
	return !!(f.kind || f.actor || f.from || f.to);
}
