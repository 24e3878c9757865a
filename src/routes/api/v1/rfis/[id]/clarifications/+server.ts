import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import { clarificationSchema } from '#lib/server/rfi/validation.ts';
import type { RequestHandler } from './$types';

/** Published clarifications and notices; the buyer team also sees pending questions and who asked. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi', 'read');
	return json(await rfi.clarifications(locals.app.db, ctx, ctx.actor));
});

/** A supplier's clarification question, until the question deadline. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi_response', 'write');
	const { question } = await readJson(request, clarificationSchema);
	return json(await rfi.askClarification(locals.app, ctx.actor, ctx, question), { status: 201 });
});
