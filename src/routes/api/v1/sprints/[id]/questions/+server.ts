import { json } from '@sveltejs/kit';
import { endpoint, forbidden } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import type { RequestHandler } from './$types';

/** Every question of the sprint with its room and asker (the team that answers them; not observers). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await sprints.authorizeSprint(locals, params.id, 'sprint', 'write');
	if (!sprints.isBuyerSide(ctx.actor, ctx)) throw forbidden();
	return json(await sprints.allQuestions(locals.app.db, ctx.sprint.id));
});
