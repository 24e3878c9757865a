import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { authorizeRoom } from '#lib/server/sprints/access.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import { sketchSchema } from '#lib/server/sprints/live/validation.ts';
import type { RequestHandler } from './$types';

/** Hangs a solution sketch in the art museum, without its author. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await authorizeRoom(locals, params.id, 'sprint_room', 'write');
	const body = await readJson(request, sketchSchema);
	return json(await live.submitSketch(locals.app, ctx, body), { status: 201 });
});
