import { json } from '@sveltejs/kit';
import { endpoint, forbidden } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import type { RequestHandler } from './$types';

/** The live overview of each room's progress: counts only (buyer side and observers). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await sprints.authorizeSprint(locals, params.id, 'sprint', 'read');
	if (!sprints.isBuyerSide(ctx.actor, ctx)) throw forbidden();
	return json({ stage: ctx.sprint.stage, timerEndsAt: ctx.sprint.timerEndsAt?.toISOString() ?? null, rooms: await sprints.progress(locals.app.db, ctx.sprint.id) });
});
