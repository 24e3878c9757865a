import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { authorizeRoom } from '#lib/server/sprints/access.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import { noteSchema } from '#lib/server/sprints/live/validation.ts';
import type { RequestHandler } from './$types';

/** A tagged note on one interviewee at one storyboard frame (the pattern grid). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await authorizeRoom(locals, params.id, 'sprint_room', 'write');
	const body = await readJson(request, noteSchema);
	return json(await live.addTestNote(locals.app, ctx, body), { status: 201 });
});
