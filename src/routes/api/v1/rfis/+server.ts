import { json } from '@sveltejs/kit';
import { endpoint, requireUser } from '#lib/server/http/api.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import type { RequestHandler } from './$types';

/** The rounds visible to the caller: the buyer team's own; for suppliers, published rounds open to them. */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	return json(await rfi.listForActor(locals.app.db, actor, locals.app.clock.now()));
});
