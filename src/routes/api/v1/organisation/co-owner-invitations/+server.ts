import { json } from '@sveltejs/kit';
import { authorize, endpoint, requireUser } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** Invitations to co-own initiatives that wait for the organisation's answer (organisation administrators). */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'admin', { resource: 'organisation', organisationId: actor.organisationId });
	return json(await initiatives.pendingForOrganisation(locals.app.db, actor.organisationId));
});

export const fallback = methodNotAllowed('GET');
