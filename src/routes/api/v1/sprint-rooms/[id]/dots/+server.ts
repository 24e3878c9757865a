import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { authorizeRoom } from '#lib/server/sprints/access.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import { dotSchema } from '#lib/server/sprints/live/validation.ts';
import type { RequestHandler } from './$types';

/** A heat-map dot or a straw-poll vote, within the caller's budget. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await authorizeRoom(locals, params.id, 'sprint_room', 'write');
	const body = await readJson(request, dotSchema);
	return json(await live.castDot(locals.app, ctx, body.kind, body.targetId), { status: 201 });
});
