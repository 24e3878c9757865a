import { json } from '@sveltejs/kit';
import { authorize, endpoint, readJson, requireUser } from '#lib/server/http/api.ts';
import { initiativeScope } from '#lib/server/access/scope.ts';
import { can } from '#lib/server/access/policy.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { createWorkshopSchema } from '#lib/server/workshops/validation.ts';
import type { RequestHandler } from './$types';

/** The workshops of an initiative (members read; join codes only for facilitators). */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const id = params.id ?? '';
	const scope = await initiativeScope(locals.app.db, locals.actor, id);
	const target = scope && { resource: 'workshops' as const, initiative: scope };
	authorize(locals.actor, 'read', target);
	const facilitator = can(locals.actor, 'admin', target!);
	const list = await workshops.listWorkshops(locals.app.db, id);
	const origin = locals.app.config.ORIGIN ?? url.origin;
	return json({ workshops: list.map((w) => workshops.toApi(w, { facilitator, origin })) });
});

/** Creates a draft workshop (process leader / team). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request, url }) => {
	const id = params.id ?? '';
	const scope = await initiativeScope(locals.app.db, locals.actor, id);
	authorize(locals.actor, 'admin', scope && { resource: 'workshops', initiative: scope });
	const user = requireUser(locals.actor);
	const input = await readJson(request, createWorkshopSchema);
	const w = await workshops.createWorkshop(locals.app, user, id, input);
	const origin = locals.app.config.ORIGIN ?? url.origin;
	return json(
		{ id: w.id, joinCode: w.joinCode, joinUrl: workshops.joinUrl(origin, w.joinCode), docName: workshops.docNameOf(w.id), phase: w.phase },
		{ status: 201, headers: { location: `/api/v1/workshops/${w.id}` } }
	);
});
