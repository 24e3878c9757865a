import { fail, redirect } from '@sveltejs/kit';
import { ROLES, TEAM_LABELS, type Role, type TeamLabel } from '#lib/server/db/schema/index.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import { ApiError } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import { field, pageAuthorize } from '#lib/server/initiatives/pages.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { actor, scope } = await pageAuthorize(event, 'members', 'read');
	const { db } = event.locals.app;
	const members = await initiatives.listMembers(db, scope.initiativeId, actor);
	const manage = (await event.parent()).abilities.manageMembers;
	const invitations = manage ? await initiatives.listOpenInvitations(db, scope.initiativeId) : [];
	return {
		members: members.map((m) => ({ ...m, since: m.since.toISOString() })),
		invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() }))
	};
};

function parseRole(value: string): Role | null {
	return (ROLES as readonly string[]).includes(value) ? (value as Role) : null;
}
function parseLabel(value: string): TeamLabel | null {
	return (TEAM_LABELS as readonly string[]).includes(value) ? (value as TeamLabel) : null;
}

export const actions: Actions = {
	/**
	 * Invites by email. An address that belongs to a supplier's user needs an explicit
	 * confirmation first: contributing to the requirements would bar that supplier from tendering.
	 */
	invite: async (event) => {
		const { actor, scope } = await pageAuthorize(event, 'members', 'admin');
		const form = await event.request.formData();
		const values = { email: field(form, 'email').trim(), role: field(form, 'role'), label: field(form, 'label'), confirmSupplier: field(form, 'confirmSupplier') === 'yes' };
		const errors: Partial<Record<'email' | 'role' | 'form', string>> = {};
		const email = initiatives.emailSchema.safeParse(values.email);
		if (!values.email) errors.email = 'email_required';
		else if (!email.success) errors.email = 'email_invalid';
		const role = parseRole(values.role);
		if (!role) errors.role = 'role_required';
		if (Object.keys(errors).length || !email.success || !role) return fail(400, { invite: { values, errors, supplier: null as string | null } });

		const account = await initiatives.accountForEmail(event.locals.app.db, email.data);
		const supplier = account?.organisationKind === 'supplier' ? account.organisationName : null;
		if (supplier && role === 'process_leader') return fail(400, { invite: { values, errors: { role: 'supplier_cannot_lead' }, supplier } });
		if (supplier && !values.confirmSupplier) return fail(400, { invite: { values, errors: {}, supplier } });
		try {
			const created = await initiatives.createInvitation(event.locals.app, actor, scope.initiativeId, { email: email.data, role, label: parseLabel(values.label) }, {
				origin: event.locals.app.config.ORIGIN ?? event.url.origin
			});
			return { invited: { email: email.data, inviteUrl: created.inviteUrl, expiresAt: created.expiresAt } };
		} catch (err) {
			if (err instanceof ApiError && err.status < 500) return fail(400, { invite: { values, errors: { form: err.code }, supplier } });
			throw err;
		}
	},

	/** Changes one member's role and label. */
	change: async (event) => {
		const { actor, scope } = await pageAuthorize(event, 'members', 'admin');
		const form = await event.request.formData();
		const userId = field(form, 'userId');
		const role = parseRole(field(form, 'role'));
		if (!isUuid(userId) || !role) return fail(400, { member: { userId, error: 'invalid_request' } });
		try {
			await initiatives.changeMember(event.locals.app, actor, scope.initiativeId, userId, { role, label: parseLabel(field(form, 'label')) });
			return { member: { userId, changed: true } };
		} catch (err) {
			if (err instanceof ApiError && err.status < 500) return fail(err.status === 409 ? 409 : 400, { member: { userId, error: err.code } });
			throw err;
		}
	},

	/** Removes a member. */
	remove: async (event) => {
		const { actor, scope } = await pageAuthorize(event, 'members', 'admin');
		const form = await event.request.formData();
		const userId = field(form, 'userId');
		if (!isUuid(userId)) return fail(400, { member: { userId, error: 'invalid_request' } });
		try {
			await initiatives.removeMember(event.locals.app, actor, scope.initiativeId, userId);
			// Someone who left the initiative can no longer see it.
			if (userId === actor.userId) redirect(303, '/initiatives');
			return { member: { userId, removed: field(form, 'name') || true } };
		} catch (err) {
			if (err instanceof ApiError && err.status < 500) return fail(err.status === 409 ? 409 : 400, { member: { userId, error: err.code } });
			throw err;
		}
	},

	/** Hands the caller's process-leader role to a colleague; the caller stays on as team member or observer. */
	handover: async (event) => {
		const { actor, scope } = await pageAuthorize(event, 'members', 'admin');
		const form = await event.request.formData();
		const toUserId = field(form, 'toUserId');
		const stayAs = field(form, 'stayAs') === 'observer' ? 'observer' : 'team';
		if (!isUuid(toUserId)) return fail(400, { member: { userId: toUserId, error: 'invalid_request' } });
		try {
			await initiatives.handOverProcessLeader(event.locals.app, actor, scope.initiativeId, { toUserId, stayAs });
			return { handedOver: true };
		} catch (err) {
			if (err instanceof ApiError && err.status < 500) return fail(400, { member: { userId: toUserId, error: err.code } });
			throw err;
		}
	},

	/** Withdraws an open invitation. */
	revoke: async (event) => {
		const { actor, scope } = await pageAuthorize(event, 'members', 'admin');
		const form = await event.request.formData();
		const invitationId = field(form, 'invitationId');
		if (!isUuid(invitationId)) return fail(400, { revoke: { error: 'invalid_request' } });
		try {
			await initiatives.revokeInvitation(event.locals.app, actor, scope.initiativeId, invitationId);
			return { revoke: { done: true } };
		} catch (err) {
			if (err instanceof ApiError && err.status < 500) return fail(400, { revoke: { error: err.code } });
			throw err;
		}
	}
};
