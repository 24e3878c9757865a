import { json } from '@sveltejs/kit';
import { authorize, endpoint, readJson, requireUser } from '#lib/server/http/api.ts';
import { initiativeScope } from '#lib/server/access/scope.ts';
import * as needs from '#lib/server/needs/index.ts';
import { effectLogicSchema } from '#lib/server/needs/validation.ts';
import type { RequestHandler } from './$types';

/** The effect logic: needs → activities → outputs → outcomes → impact. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const id = params.id ?? '';
	const scope = await initiativeScope(locals.app.db, locals.actor, id);
	authorize(locals.actor, 'read', scope && { resource: 'needs', initiative: scope });
	return json(await needs.getEffectLogic(locals.app.db, id));
});

/** Replaces the effect logic (buyer team). */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const id = params.id ?? '';
	const scope = await initiativeScope(locals.app.db, locals.actor, id);
	authorize(locals.actor, 'write', scope && { resource: 'needs', initiative: scope });
	const user = requireUser(locals.actor);
	const input = await readJson(request, effectLogicSchema);
	return json(await needs.saveEffectLogic(locals.app, user, id, input));
});
