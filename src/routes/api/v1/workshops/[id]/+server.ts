import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { can } from '#lib/server/access/policy.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { authorizedWorkshop, facilitatedWorkshop } from '#lib/server/workshops/http.ts';
import { updateWorkshopSchema } from '#lib/server/workshops/validation.ts';
import type { RequestHandler } from './$types';

/** One workshop, for anyone on its board (the join code only for facilitators). */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const id = params.id ?? '';
	const ctx = await authorizedWorkshop(locals, id, 'read');
	const facilitator = can(locals.actor, 'admin', ctx.target);
	return json(workshops.toApi(ctx.workshop, { facilitator, origin: locals.app.config.ORIGIN ?? url.origin }));
});

/** Changes title, question, vote budget; anonymity and silent mode only while a draft. */
export const PATCH: RequestHandler = endpoint(async ({ locals, params, request, url }) => {
	const id = params.id ?? '';
	const ctx = await facilitatedWorkshop(locals, id);
	const patch = await readJson(request, updateWorkshopSchema);
	const w = await workshops.updateWorkshop(locals.app, ctx.user, ctx.workshop, patch);
	return json(workshops.toApi(w, { facilitator: true, origin: locals.app.config.ORIGIN ?? url.origin }));
});
