import { json } from '@sveltejs/kit';
import * as audit from '#lib/server/audit/index.ts';
import { endpoint } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/** The initiative's journal, oldest first; `?format=csv` downloads it as a spreadsheet-safe CSV (process leaders). */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const { scope } = await initiatives.authorizeInitiative(locals, params.id, 'journal', 'read');
	const entries = await audit.list(locals.app.db, scope.initiativeId);
	if (url.searchParams.get('format') === 'csv') {
		const day = new Date().toISOString().slice(0, 10);
		// The byte-order mark makes spreadsheet programs read å, ä and ö correctly.
		return new Response('\uFEFF' + audit.toCsv(entries), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="journal-${scope.initiativeId}-${day}.csv"`
			}
		});
	}
	return json({ entries });
});
