import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import { can } from '#lib/server/access/policy.ts';
import { authorizeRoom, roomTargetOf } from '#lib/server/sprints/access.ts';
import { ensureRoomHmw, hmwView, hmwWorkshopOf } from '#lib/server/sprints/live/hmw.ts';
import type { RequestHandler } from './$types';

/**
 * The room's "How might we" workshop for the Map stage. Made on first use once the sprint has
 * started, by someone who may write in the room (readers only see it once it exists).
 */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await authorizeRoom(locals, params.id, 'sprint_room', 'read');
	let w = await hmwWorkshopOf(locals.app.db, ctx.room.id);
	if (!w && ctx.sprint.stage && can(ctx.actor, 'write', roomTargetOf(ctx))) w = await ensureRoomHmw(locals.app, ctx, ctx.actor);
	if (!w) return json({ workshop: null });
	const view = await hmwView(locals.app, locals.actor, w);
	return json(view ?? { workshop: null });
});
