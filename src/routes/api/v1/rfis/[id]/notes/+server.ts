import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import { answerNoteSchema } from '#lib/server/rfi/validation.ts';
import type { RequestHandler } from './$types';

/** Tags, score and a note on one submitted answer (buyer team). */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi_responses', 'write');
	const input = await readJson(request, answerNoteSchema);
	await rfi.saveNote(locals.app, ctx.actor, ctx, input);
	return json({ saved: true });
});
