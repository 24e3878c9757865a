import { json } from '@sveltejs/kit';
import * as audit from '#lib/server/audit/index.ts';
import { endpoint } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/** Walks the journal's hash chain: `{ok:true, entries}` or the first broken row `{ok:false, brokenAt, brokenSeq}`. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { scope } = await initiatives.authorizeInitiative(locals, params.id, 'journal', 'read');
	const result = await audit.verify(locals.app.db, scope.initiativeId);
	return json(result.ok ? { ok: true, entries: result.entries } : { ok: false, entries: result.entries, brokenAt: result.brokenAt, brokenSeq: result.brokenSeq });
});
