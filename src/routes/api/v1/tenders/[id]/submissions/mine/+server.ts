import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import type { RequestHandler } from './$types';

/** Withdraws the organisation's tender before the deadline. */
export const DELETE: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender_submission', 'write');
	await tenders.withdraw(locals.app, ctx.actor, ctx);
	return new Response(null, { status: 204 });
});
