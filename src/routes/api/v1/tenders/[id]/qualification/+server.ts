import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { qualificationSchema } from '#lib/server/tenders/validation.ts';
import type { RequestHandler } from './$types';

/** The qualification recorded for each tender (the declared buyer team, after the opening). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeSubmissions(locals, params.id, 'read');
	return json(await tenders.qualifications(locals.app.db, ctx.tender.id));
});

/** Records whether one tenderer is qualified, with a reason; a non-qualified tender leaves the ranking. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await tenders.authorizeSubmissions(locals, params.id, 'write');
	const input = await readJson(request, qualificationSchema);
	return json(await tenders.qualify(locals.app, ctx.actor, ctx, input));
});
