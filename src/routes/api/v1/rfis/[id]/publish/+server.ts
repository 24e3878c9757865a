import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import type { RequestHandler } from './$types';

/** Publishes the round to the invited (and, when open, every registered) supplier. */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi', 'admin');
	const view = await rfi.roundView(locals.app.db, ctx, ctx.actor, locals.app.clock.now());
	return json(await rfi.publishRfi(locals.app, ctx.actor, ctx, { buyerName: view.buyer }));
});
