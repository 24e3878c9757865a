import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { facilitatedWorkshop } from '#lib/server/workshops/http.ts';
import { timerSchema } from '#lib/server/workshops/validation.ts';
import type { RequestHandler } from './$types';

/** Starts (`seconds`) or stops (`null`) the countdown shown on every board. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const id = params.id ?? '';
	const ctx = await facilitatedWorkshop(locals, id);
	const { seconds } = await readJson(request, timerSchema);
	const endsAt = await workshops.setTimer(locals.app, ctx.workshop, seconds);
	return json({ timerEndsAt: endsAt ? new Date(endsAt).toISOString() : null });
});
