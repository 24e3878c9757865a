import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import type { RequestHandler } from './$types';

/** One round as the caller may see it (a supplier: with its own receipt only). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'read');
	return json(await tenders.tenderView(locals.app.db, ctx, ctx.actor, locals.app.clock.now()));
});
