import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { authorizedWorkshop } from '#lib/server/workshops/http.ts';
import { voteSchema } from '#lib/server/workshops/validation.ts';
import type { RequestHandler } from './$types';

/** The caller's budget and votes. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const id = params.id ?? '';
	const ctx = await authorizedWorkshop(locals, id, 'write');
	return json(await workshops.voteStatus(locals.app.db, locals.actor, ctx.workshop));
});

/** Casts one vote on a card or group (vote phase, within the budget). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const id = params.id ?? '';
	const ctx = await authorizedWorkshop(locals, id, 'write');
	const { targetId } = await readJson(request, voteSchema);
	const status = await workshops.castVote(locals.app, locals.actor, ctx.workshop, targetId);
	return json(status, { status: 201 });
});
