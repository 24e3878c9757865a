import { json } from '@sveltejs/kit';
import { endpoint, requireUser } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** Accepts an invitation to co-own an initiative: from now on the initiative counts for the organisation (administrators of the invited organisation). */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	const actor = requireUser(locals.actor);
	return json(await initiatives.decideInvitation(locals.app, actor, params.invitationId ?? '', 'accepted'));
});

export const fallback = methodNotAllowed('POST');
