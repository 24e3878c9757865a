import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { facilitatedWorkshop } from '#lib/server/workshops/http.ts';
import { tallySchema } from '#lib/server/workshops/validation.ts';
import type { RequestHandler } from './$types';

/** Shows or hides the vote tally for participants. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const id = params.id ?? '';
	const ctx = await facilitatedWorkshop(locals, id);
	const { visible } = await readJson(request, tallySchema);
	const w = await workshops.setTallyVisible(locals.app, ctx.user, ctx.workshop, visible);
	return json({ id: w.id, tallyVisible: w.tallyVisible });
});
