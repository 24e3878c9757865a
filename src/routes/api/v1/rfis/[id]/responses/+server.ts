import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import type { RequestHandler } from './$types';

/** Every submitted response, for comparison and analysis (buyer team only; 404 for others). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi_responses', 'read');
	return json(await rfi.responses(locals.app.db, ctx));
});
