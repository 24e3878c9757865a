import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { authorizedWorkshop } from '#lib/server/workshops/http.ts';
import type { RequestHandler } from './$types';

/** Takes back one of the caller's votes on the target. */
export const DELETE: RequestHandler = endpoint(async ({ locals, params }) => {
	const id = params.id ?? '';
	const ctx = await authorizedWorkshop(locals, id, 'write');
	const status = await workshops.retractVote(locals.app, locals.actor, ctx.workshop, params.targetId ?? '');
	return json(status);
});
