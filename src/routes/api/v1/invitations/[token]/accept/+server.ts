import { json } from '@sveltejs/kit';
import { endpoint, requireUser } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/** Accepts an initiative invitation as the signed-in user (who must own the invited address). */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	const actor = requireUser(locals.actor);
	const result = await initiatives.acceptInvitation(locals.app, actor, params.token ?? '');
	return json(result);
});
