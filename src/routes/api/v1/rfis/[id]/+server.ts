import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import { updateRfiSchema } from '#lib/server/rfi/validation.ts';
import type { RequestHandler } from './$types';

/** The round as the caller may see it (suppliers: questions, published clarifications, own status). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi', 'read');
	return json(await rfi.roundView(locals.app.db, ctx, ctx.actor, locals.app.clock.now()));
});

/** Changes the round; after publication a change of questions is a new revision (buyer team). */
export const PATCH: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi', 'admin');
	const input = await readJson(request, updateRfiSchema);
	return json(await rfi.updateRfi(locals.app, ctx.actor, ctx, input));
});
