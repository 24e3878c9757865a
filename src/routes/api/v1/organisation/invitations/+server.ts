import { json } from '@sveltejs/kit';
import { authorize, endpoint, readJson, requireUser } from '#lib/server/http/api.ts';
import * as invitations from '#lib/server/organisations/invitations.ts';
import { invitationInput } from '#lib/server/auth/schemas.ts';
import { failureResponse, methodNotAllowed } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** Invites a colleague by email (organisation administrators): 201 `{id, inviteUrl, expiresAt}`. */
export const POST: RequestHandler = endpoint(async ({ locals, request, url }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'admin', { resource: 'organisation', organisationId: actor.organisationId });
	const { email } = await readJson(request, invitationInput);
	const result = await invitations.inviteColleague(locals.app, { actor, email, origin: locals.app.config.ORIGIN ?? url.origin });
	if (!result.ok) return failureResponse(result.failure);
	return json(result.value, { status: 201 });
});

/** Open invitations of the organisation (administrators). */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'admin', { resource: 'organisation', organisationId: actor.organisationId });
	return json(await invitations.listPendingInvitations(locals.app.db, actor.organisationId));
});

export const fallback = methodNotAllowed('GET', 'POST');
