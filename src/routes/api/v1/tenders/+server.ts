import { json } from '@sveltejs/kit';
import { endpoint, requireUser } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import type { RequestHandler } from './$types';

/** The rounds visible to the caller: the buyer team's own; for suppliers, published rounds open to them. */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	return json(await tenders.listForActor(locals.app.db, actor, locals.app.clock.now()));
});
