import { error, fail, redirect } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import * as organisations from '#lib/server/organisations/index.ts';
import * as invitations from '#lib/server/organisations/invitations.ts';
import { parseInput } from '#lib/server/auth/result.ts';
import { invitationInput } from '#lib/server/auth/schemas.ts';
import { fromFailure, required, text } from '#lib/server/auth/forms.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import * as coOwners from '#lib/server/initiatives/co-owners.ts';
import { ApiError } from '#lib/server/http/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	const target = { resource: 'organisation' as const, organisationId: actor.organisationId };
	if (!can(actor, 'read', target)) error(404);
	const organisation = await organisations.getOrganisation(locals.app.db, actor.organisationId);
	if (!organisation) error(404);
	const abilities = { invite: can(actor, 'admin', target) };
	const colleagues = await organisations.listColleagues(locals.app.db, actor.organisationId);
	return {
		organisation,
		abilities,
		joined: url.searchParams.has('joined'),
		currentUserId: actor.userId,
		/** Lessons and method templates: buyer organisations only. */
		knowledge: can(actor, 'read', { resource: 'organisation_lessons', organisationId: actor.organisationId }),
		colleagues: colleagues.map((c) => ({ id: c.id, name: c.name, orgAdmin: c.orgAdmin, email: abilities.invite ? c.email : null })),
		pending: abilities.invite ? await invitations.listPendingInvitations(locals.app.db, actor.organisationId) : [],
		/** Invitations to co-own initiatives: only administrators see them (and the titles in them). */
		coOwnerInvitations: abilities.invite ? await coOwners.pendingForOrganisation(locals.app.db, actor.organisationId) : []
	};
};

/**
 * Accepts or declines an invitation to co-own an initiative. The command asks the policy (the
 * caller must administer the invited organisation) and refuses an answered invitation.
 */
async function answerCoOwner(
	{ locals, request, url }: Parameters<Actions[string]>[0],
	decision: 'accepted' | 'declined'
) {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	const form = await request.formData();
	const id = String(form.get('invitationId') ?? '');
	try {
		const answered = await coOwners.decideInvitation(locals.app, actor, id, decision);
		return { coOwner: { decision, organisation: answered.organisation.name } };
	} catch (err) {
		if (err instanceof ApiError && err.status < 500) return fail(err.status, { coOwner: { error: err.code } });
		throw err;
	}
}

export const actions: Actions = {
	acceptCoOwner: (event) => answerCoOwner(event, 'accepted'),
	declineCoOwner: (event) => answerCoOwner(event, 'declined'),
	invite: async ({ locals, request, url }) => {
		const actor = locals.actor;
		if (actor.kind !== 'user') redirect(303, loginUrl(url));
		if (!can(actor, 'admin', { resource: 'organisation', organisationId: actor.organisationId })) {
			return fail(403, { email: '', errors: [{ code: 'forbidden' }] });
		}
		const form = await request.formData();
		const email = text(form, 'email').trim();
		const missing = required({ email }, ['email']);
		if (missing.length) return fail(400, { email, errors: missing });
		const parsed = parseInput(invitationInput, { email });
		if (!parsed.ok) return fail(400, { email, errors: [fromFailure(parsed.failure)] });
		const result = await invitations.inviteColleague(locals.app, {
			actor,
			email: parsed.value.email,
			origin: locals.app.config.ORIGIN ?? url.origin
		});
		if (!result.ok) return fail(result.failure.status, { email, errors: [fromFailure(result.failure)] });
		return { invited: { email: parsed.value.email, inviteUrl: result.value.inviteUrl, expiresAt: result.value.expiresAt } };
	}
};
