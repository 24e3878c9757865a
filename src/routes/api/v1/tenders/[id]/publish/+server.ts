import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { publishSchema } from '#lib/server/tenders/validation.ts';
import type { RequestHandler } from './$types';

/** Publishes the round: to the invited organisations, or with `open` to every registered supplier. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'admin');
	const input = request.headers.get('content-type') ? await readJson(request, publishSchema) : {};
	return json(await tenders.publishTender(locals.app, ctx.actor, ctx, input));
});
