import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { awardSchema } from '#lib/server/tenders/validation.ts';
import type { RequestHandler } from './$types';

/** The award decision: notifies the suppliers and starts the standstill. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	await tenders.authorizeSubmissions(locals, params.id, 'read');
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'admin');
	const input = await readJson(request, awardSchema);
	return json(await tenders.award(locals.app, ctx.actor, ctx, input));
});
