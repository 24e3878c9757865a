import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import type { RequestHandler } from './$types';

/** A named opener approves the opening; two different openers open the round (LOU 12:10). */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender_opening', 'write');
	return json(await tenders.approveOpening(locals.app, ctx.actor, ctx));
});
