import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import { responseSchema } from '#lib/server/rfi/validation.ts';
import type { RequestHandler } from './$types';

/** The caller's organisation's own response: its draft and its last submission. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi_response', 'read');
	const questions = await rfi.questionsOf(locals.app.db, ctx.rfi.id, false);
	return json(await rfi.myResponse(locals.app.db, ctx, ctx.actor, questions));
});

/** Saves the organisation's draft (shared with colleagues, never seen by the buyer until submitted). */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi_response', 'write');
	const input = await readJson(request, responseSchema);
	return json(await rfi.saveDraft(locals.app, ctx.actor, ctx, input));
});
