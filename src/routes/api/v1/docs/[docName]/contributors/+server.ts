import { json } from '@sveltejs/kit';
import { resolveDoc } from '#lib/server/access/docs.ts';
import { decide } from '#lib/server/access/policy.ts';
import { endpoint, notFound, requireUser } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/**
 * Who wrote in a live document, from the server's authorship ledger (never from what clients
 * claim). Only the buyer team of the document's initiative may ask (policy resource
 * `contributors`); everyone else — observers included — gets the same 404 as for a document that
 * does not exist (issue 2 contract: "buyer team of that initiative only"). A supplier's expert on the
 * team sees only the contributors whose organisation it may know (rule 3).
 */
export const GET: RequestHandler = endpoint(async ({ params, locals }) => {
	const actor = requireUser(locals.actor);
	const resolved = await resolveDoc(locals.app.db, actor, params.docName ?? '');
	if (!resolved || !('initiative' in resolved.target)) throw notFound();
	if (decide(actor, 'read', resolved.target) !== 'ok') throw notFound();
	if (decide(actor, 'read', { resource: 'contributors', initiative: resolved.target.initiative }) !== 'ok') throw notFound();
	return json(await initiatives.contributors(locals.app.db, resolved.doc.name, actor));
});
