/**
 * The journal as people read it: every row with its continuous number, its sentence and its
 * details, for the page, the API and the CSV alike. Names the sentences need are looked up
 * here, only within the initiative being read: workshop titles, and guests' display names
 * unless their workshop is anonymous (then "Anonym deltagare", whatever the guest typed).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { workshopGuests, workshops } from '../db/schema/index.ts';
import { isUuid } from '../access/scope.ts';
import { canonicalJson, list, type AuditEntry } from './index.ts';
import type { JournalFilter } from './filter.ts';
import { describe, type Detail, type Locale, type Lookup } from './format.ts';
import { toCsv } from '../csv/index.ts';
import './events.ts';

export interface ReadableEntry extends AuditEntry {
	/** The row as one sentence in the reader's language. */
	text: string;
	/** Who did it, readable ("Maria Lind", "Gäst (Lisa)", "Anonym deltagare", "Systemet"). */
	actorName: string;
	details: Detail[];
}

function guestIdsOf(entries: AuditEntry[]): string[] {
	const ids = new Set<string>();
	for (const e of entries) {
		if (e.actor.label.startsWith('guest:')) ids.add(e.actor.label.slice('guest:'.length));
		if (typeof e.data.guestId === 'string') ids.add(e.data.guestId);
	}
	return [...ids].filter(isUuid);
}

/** What the sentences of these rows may name, from this initiative only. */
export async function lookupFor(db: Db, initiativeId: string, entries: AuditEntry[]): Promise<Lookup> {
	const ws = await db
		.select({ id: workshops.id, title: workshops.title, anonymous: workshops.anonymous })
		.from(workshops)
		.where(eq(workshops.initiativeId, initiativeId));
	const byId = new Map(ws.map((w) => [w.id, { title: w.title, anonymous: w.anonymous }]));
	const ids = guestIdsOf(entries);
	const guests = ids.length
		? await db
				.select({ id: workshopGuests.id, displayName: workshopGuests.displayName, anonymous: workshops.anonymous })
				.from(workshopGuests)
				.innerJoin(workshops, eq(workshops.id, workshopGuests.workshopId))
				.where(and(inArray(workshopGuests.id, ids), eq(workshops.initiativeId, initiativeId)))
		: [];
	const guestById = new Map(guests.map((g) => [g.id, { displayName: g.displayName, anonymous: g.anonymous }]));
	return { workshop: (id) => byId.get(id), guest: (id) => guestById.get(id) };
}

/** Adds the sentence and details to each row. */
export async function readable(db: Db, initiativeId: string, entries: AuditEntry[], locale: Locale): Promise<ReadableEntry[]> {
	const lookup = await lookupFor(db, initiativeId, entries);
	return entries.map((e) => {
		const d = describe({ action: e.action, actorLabel: e.actor.label, data: e.data }, locale, lookup);
		return { ...e, text: d.text, actorName: d.actor, details: d.details };
	});
}

/**
 * The whole journal of an initiative as a CSV file (BOM included), for downloads and the case
 * file. The caller must already have checked that the reader may read the journal.
 */
export async function journalCsvFor(db: Db, initiativeId: string, locale: Locale = 'sv', filter: JournalFilter = {}): Promise<string> {
	return journalCsv(await readable(db, initiativeId, await list(db, initiativeId, filter), locale), locale);
}

const HEADER: Record<Locale, string[]> = {
	sv: ['Nr', 'Tid (svensk tid)', 'Vem', 'Händelse', 'Detaljer', 'Händelsekod', 'Rådata', 'Hash'],
	en: ['No.', 'Time (Swedish time)', 'Who', 'Event', 'Details', 'Event code', 'Raw data', 'Hash']
};

/**
 * The journal as CSV for Swedish Excel: the sentence and readable details first, the raw
 * event (action code and recorded data, exactly as hashed) beside them, so the file is both
 * readable and checkable.
 */
export function journalCsv(entries: ReadableEntry[], locale: Locale): string {
	return toCsv(
		HEADER[locale],
		entries.map((e) => [
			e.seq,
			new Date(e.at),
			e.actorName,
			e.text,
			e.details.map((d) => `${d.label}: ${d.value}`).join('; '),
			e.action,
			canonicalJson(e.data),
			e.hash
		])
	);
}
