import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import { planSchema } from '#lib/server/pilots/validation.ts';
import type { RequestHandler } from './$types';

/** Saves the plan's dates, timeline activities and risks (buyer team). */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await pilots.authorizePilot(locals, params.id, 'pilot', 'write');
	const input = await readJson(request, planSchema);
	return json(await pilots.updatePlan(locals.app, ctx.actor, ctx, input));
});
