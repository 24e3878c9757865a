import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { facilitatedWorkshop } from '#lib/server/workshops/http.ts';
import type { RequestHandler } from './$types';

/** Facilitators: participant count, votes cast against the budget, and the guests. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await facilitatedWorkshop(locals, params.id ?? '');
	return json(await workshops.participantOverview(locals.app.db, ctx.workshop));
});
