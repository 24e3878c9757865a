import * as audit from '#lib/server/audit/index.ts';
import { isFiltered, parseFilter } from '#lib/server/audit/filter.ts';
import { kindName } from '#lib/server/audit/format.ts';
import { readable } from '#lib/server/audit/readable.ts';
import { pageAuthorize } from '#lib/server/initiatives/pages.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The journal (process leaders, as the policy says): one sentence per entry in the reader's
 * language, newest first on screen, numbered in chain order; filters come as a GET form so a
 * filtered view can be bookmarked and downloaded as the same CSV. The chain is checked on
 * every load, so a reader always sees whether the record is intact.
 */
export const load: PageServerLoad = async (event) => {
	const { scope } = await pageAuthorize(event, 'journal', 'read');
	const db = event.locals.app.db;
	const locale = event.locals.locale ?? 'sv';
	const parsed = parseFilter(event.url.searchParams);
	const filter = parsed.ok ? parsed.filter : {};
	const [rows, people, kinds, chain] = await Promise.all([
		audit.list(db, scope.initiativeId, filter),
		audit.actors(db, scope.initiativeId),
		audit.kinds(db, scope.initiativeId),
		audit.verify(db, scope.initiativeId)
	]);
	const entries = await readable(db, scope.initiativeId, rows, locale);
	const raw = (k: string) => event.url.searchParams.get(k) ?? '';
	return {
		entries: entries.reverse().map(({ id, seq, at, text, details, action, hash }) => ({ id, seq, at, text, details, action, hash })),
		total: chain.entries,
		filtered: parsed.ok && isFiltered(filter),
		filter: { kind: raw('kind'), actor: raw('actor'), from: raw('from'), to: raw('to') },
		filterError: parsed.ok ? null : { field: parsed.field, reason: parsed.reason },
		people,
		kinds: kinds.map((k) => ({ value: k, name: kindName(k, locale) })).sort((a, b) => a.name.localeCompare(b.name, locale)),
		chain: chain.ok ? { ok: true as const, entries: chain.entries } : { ok: false as const, entries: chain.entries, brokenSeq: chain.brokenSeq }
	};
};

export const actions: Actions = {
	/** Recomputes every link of the hash chain and reports the first broken one. */
	verify: async (event) => {
		const { scope } = await pageAuthorize(event, 'journal', 'read');
		const result = await audit.verify(event.locals.app.db, scope.initiativeId);
		return { verify: { ...result, at: new Date().toISOString() } };
	}
};
