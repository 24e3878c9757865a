import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import type { RequestHandler } from './$types';

/** Barred and flagged organisations with their hearing in this round (buyer team). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'admin');
	return json(await tenders.conflictsForBuyer(locals.app.db, ctx));
});
