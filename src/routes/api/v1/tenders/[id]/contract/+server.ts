import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import type { RequestHandler } from './$types';

/** Marks the contract signed: refused during the standstill. */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'admin');
	return json(await tenders.signContract(locals.app, ctx.actor, ctx));
});
