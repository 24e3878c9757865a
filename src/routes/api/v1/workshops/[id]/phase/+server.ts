import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { facilitatedWorkshop } from '#lib/server/workshops/http.ts';
import { phaseSchema } from '#lib/server/workshops/validation.ts';
import type { RequestHandler } from './$types';

/** Moves the workshop to another phase (facilitators). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const id = params.id ?? '';
	const ctx = await facilitatedWorkshop(locals, id);
	const { phase } = await readJson(request, phaseSchema);
	const w = await workshops.changePhase(locals.app, ctx.user, ctx.workshop, phase);
	return json({ id: w.id, phase: w.phase });
});
