import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import { scaleUpSchema } from '#lib/server/pilots/validation.ts';
import type { RequestHandler } from './$types';

/** Saves the scale-up plan; the advisor's answer for the scale-up aggregated with the pilot comes back. */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await pilots.authorizePilot(locals, params.id, 'pilot', 'write');
	const input = await readJson(request, scaleUpSchema);
	return json(await pilots.saveScaleUp(locals.app, ctx.actor, ctx, input));
});
