import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { termsSchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/** The terms of participation and whether the room's supplier has accepted them. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await sprints.authorizeRoom(locals, params.id, 'sprint_room', 'read', { requireOpen: false });
	return json({
		terms: sprints.SPRINT_TERMS,
		sha256: sprints.TERMS_SHA256,
		accepted: ctx.room.termsAcceptedAt !== null,
		acceptedAt: ctx.room.termsAcceptedAt?.toISOString() ?? null
	});
});

/** The supplier accepts the terms for its organisation (`{accept: true}`); the room opens. Journalled. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await sprints.authorizeRoom(locals, params.id, 'sprint_room', 'write', { requireOpen: false });
	await readJson(request, termsSchema);
	return json(await sprints.acceptTerms(locals.app, ctx.actor, ctx));
});
