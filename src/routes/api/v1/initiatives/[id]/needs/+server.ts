import { json } from '@sveltejs/kit';
import { authorize, endpoint, readJson, requireUser } from '#lib/server/http/api.ts';
import { initiativeScope } from '#lib/server/access/scope.ts';
import * as needs from '#lib/server/needs/index.ts';
import { createNeedSchema } from '#lib/server/needs/validation.ts';
import type { RequestHandler } from './$types';

/** The needs register of an initiative (members read). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const id = params.id ?? '';
	const scope = await initiativeScope(locals.app.db, locals.actor, id);
	authorize(locals.actor, 'read', scope && { resource: 'needs', initiative: scope });
	const list = await needs.listNeeds(locals.app.db, id);
	return json({ needs: list.map((n) => needs.toApi(n)) });
});

/** Adds a need (buyer team). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const id = params.id ?? '';
	const scope = await initiativeScope(locals.app.db, locals.actor, id);
	authorize(locals.actor, 'write', scope && { resource: 'needs', initiative: scope });
	const user = requireUser(locals.actor);
	const input = await readJson(request, createNeedSchema);
	const n = await needs.createNeed(locals.app, user, id, input);
	return json(needs.toApi(n, await needs.resolveSources(locals.app, n.sources)), { status: 201, headers: { location: `/api/v1/needs/${n.id}` } });
});
