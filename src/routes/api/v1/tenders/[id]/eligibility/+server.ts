import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import type { RequestHandler } from './$types';

/** Whether the caller's organisation may tender, from the conflicts register and the round's hearing. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender_submission', 'read');
	return json(await tenders.eligibilityForActor(locals.app.db, ctx, ctx.actor));
});
