import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import { analysisSchema } from '#lib/server/rfi/validation.ts';
import type { RequestHandler } from './$types';

/** The round's summary and what it taught about the market (buyer team; read by the procedure advisor). */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi_responses', 'write');
	const input = await readJson(request, analysisSchema);
	await rfi.saveAnalysis(locals.app, ctx.actor, ctx, input);
	return json({ saved: true });
});
