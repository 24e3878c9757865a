import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { lockSchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/** Locks or unlocks every room (or `roomId` only). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await sprints.authorizeSprint(locals, params.id, 'sprint', 'admin');
	const input = await readJson(request, lockSchema);
	return json(await sprints.setLocked(locals.app, ctx.actor, ctx, input));
});
