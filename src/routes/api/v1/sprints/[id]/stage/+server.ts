import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { stageSchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/** Starts a stage in every room at once, with an optional shared timer (server clock). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await sprints.authorizeSprint(locals, params.id, 'sprint', 'admin');
	const input = await readJson(request, stageSchema);
	return json(await sprints.startStage(locals.app, ctx.actor, ctx, input));
});
