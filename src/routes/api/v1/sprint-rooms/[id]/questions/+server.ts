import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { questionSchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/** The questions the room sees: its own, and every answer published to all rooms (asker hidden). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await sprints.authorizeRoom(locals, params.id, 'sprint_room', 'read');
	return json(await sprints.roomQuestions(locals.app.db, ctx.actor, ctx.room));
});

/** Asks a question in the room (a member who may write in it). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await sprints.authorizeRoom(locals, params.id, 'sprint_room', 'write');
	const { text } = await readJson(request, questionSchema);
	return json(await sprints.askQuestion(locals.app, ctx.actor, ctx, text), { status: 201 });
});
