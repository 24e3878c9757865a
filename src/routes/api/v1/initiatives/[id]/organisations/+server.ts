import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/**
 * Invites another buyer organisation, by organisation number, to co-own the initiative (process
 * leaders): 201 with the pending invitation. The organisation becomes an owner only when one of
 * its administrators accepts (`POST /api/v1/organisation/co-owner-invitations/{id}/accept`).
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request, url }) => {
	const { actor, scope } = await initiatives.authorizeInitiative(locals, params.id, 'initiative', 'admin');
	const { orgNumber } = await readJson(request, initiatives.addOrganisationSchema);
	const invitation = await initiatives.inviteOrganisation(locals.app, actor, scope.initiativeId, orgNumber, locals.app.config.ORIGIN ?? url.origin);
	return json(invitation, { status: 201 });
});

/** Invitations to co-own the initiative that wait for an answer (everyone who sees the initiative). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { scope } = await initiatives.authorizeInitiative(locals, params.id, 'initiative', 'read');
	return json(await initiatives.pendingForInitiative(locals.app.db, scope.initiativeId));
});
