import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { inputSchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/**
 * Publishes a buyer input: without `roomId` to every room (same version, same moment, one
 * transaction); with `roomId` to that room only, which needs a written `reason` (400 `reason_required`).
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await sprints.authorizeSprint(locals, params.id, 'sprint', 'admin');
	const input = await readJson(request, inputSchema);
	const { id } = await sprints.publishInput(locals.app, ctx.actor, ctx, input);
	return json({ id }, { status: 201 });
});
