import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { authorizeRoom } from '#lib/server/sprints/access.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import { sketchRefSchema } from '#lib/server/sprints/live/validation.ts';
import type { RequestHandler } from './$types';

/** The decider's supervote: only the room's decider (others 403), and it counts once (409 after). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await authorizeRoom(locals, params.id, 'sprint_supervote', 'write');
	const { sketchId } = await readJson(request, sketchRefSchema);
	return json(await live.castSupervote(locals.app, ctx, sketchId));
});
