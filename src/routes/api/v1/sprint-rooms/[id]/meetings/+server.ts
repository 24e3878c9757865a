import { json } from '@sveltejs/kit';
import { endpoint, forbidden, readJson } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { meetingSchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/** The buyer team's meetings in the room (buyer side). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await sprints.authorizeRoom(locals, params.id, 'sprint_room', 'read');
	if (!sprints.isBuyerSide(ctx.actor, ctx)) throw forbidden();
	return json(await sprints.roomMeetings(locals.app.db, ctx.room.id));
});

/** Logs a meeting of the buyer team in the room with start and end (assigned team members and the leader). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await sprints.authorizeRoom(locals, params.id, 'sprint_room', 'write');
	if (!sprints.isBuyerSide(ctx.actor, ctx)) throw forbidden();
	const input = await readJson(request, meetingSchema);
	return json(await sprints.logMeeting(locals.app, ctx.actor, ctx, input), { status: 201 });
});
