import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { confidentialityDecisionSchema } from '#lib/server/tenders/validation.ts';
import type { RequestHandler } from './$types';

/** The authority's assessment of one confidentiality request (declared team, after the opening). */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await tenders.authorizeSubmissions(locals, params.id, 'write');
	const input = await readJson(request, confidentialityDecisionSchema);
	await tenders.decideConfidentiality(locals.app, ctx.actor, ctx, input);
	return json({ ok: true });
});
