import { json } from '@sveltejs/kit';
import * as audit from '#lib/server/audit/index.ts';
import { parseFilter } from '#lib/server/audit/filter.ts';
import { journalCsv, readable } from '#lib/server/audit/readable.ts';
import { csvResponse, stockholmDate } from '#lib/server/csv/index.ts';
import { ApiError, endpoint } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/**
 * The initiative's journal, oldest first (process leaders). Each entry carries its continuous
 * number `seq` and the sentence `text` (Swedish; `?lang=en` for English) beside the raw event.
 * `?kind=&actor=&from=&to=` filter it; `?format=csv` downloads the same rows for Swedish Excel.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const { scope } = await initiatives.authorizeInitiative(locals, params.id, 'journal', 'read');
	const lang = url.searchParams.get('lang') ?? 'sv';
	if (lang !== 'sv' && lang !== 'en') throw new ApiError(400, 'invalid_request', 'Språket ska vara sv eller en.');
	const format = url.searchParams.get('format') ?? 'json';
	if (format !== 'json' && format !== 'csv') throw new ApiError(400, 'invalid_request', 'Formatet ska vara json eller csv.');
	const parsed = parseFilter(url.searchParams);
	if (!parsed.ok) throw new ApiError(400, 'invalid_request', parsed.message);
	const entries = await readable(locals.app.db, scope.initiativeId, await audit.list(locals.app.db, scope.initiativeId, parsed.filter), lang);
	if (format === 'csv') {
		return csvResponse(journalCsv(entries, lang), `journal-${stockholmDate(new Date())}.csv`);
	}
	return json({ entries: entries.map(({ id, seq, at, actor, action, data, hash, text }) => ({ id, seq, at, actor, action, data, hash, text })) });
});
