import { json } from '@sveltejs/kit';
import { endpoint, notFound, readJson } from '#lib/server/http/api.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/** Changes a member's role and label (process leaders). */
export const PATCH: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, scope } = await initiatives.authorizeInitiative(locals, params.id, 'members', 'admin');
	if (!isUuid(params.userId ?? '')) throw notFound();
	const input = await readJson(request, initiatives.memberChangeSchema);
	const result = await initiatives.changeMember(locals.app, actor, scope.initiativeId, params.userId!, input);
	return json(result);
});

/** Removes a member (process leaders). */
export const DELETE: RequestHandler = endpoint(async ({ locals, params }) => {
	const { actor, scope } = await initiatives.authorizeInitiative(locals, params.id, 'members', 'admin');
	if (!isUuid(params.userId ?? '')) throw notFound();
	await initiatives.removeMember(locals.app, actor, scope.initiativeId, params.userId!);
	return new Response(null, { status: 204 });
});
