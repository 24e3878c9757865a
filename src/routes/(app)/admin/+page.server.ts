import { error, fail, redirect } from '@sveltejs/kit';
import { can, type UserActor } from '#lib/server/access/policy.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import { listOutbox } from '#lib/server/mail/index.ts';
import { listAccounts, setAccountDisabled } from '#lib/server/auth/admin-users.ts';
import { createResetLink } from '#lib/server/auth/password-reset.ts';
import { fromFailure, text } from '#lib/server/auth/forms.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const FORBIDDEN = 'Bara plattformsadministratörer har tillgång till administrationen.';

/** Platform administration: accounts and the outbox. Other signed-in users get 403. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	if (!can(actor, 'read', { resource: 'outbox' }) || !can(actor, 'read', { resource: 'users' })) error(403, FORBIDDEN);
	return {
		me: actor.userId,
		accounts: await listAccounts(locals.app),
		outbox: await listOutbox(locals.app.db)
	};
};

/** The administrator, and the account the form names; the policy decides. */
async function target(event: RequestEvent): Promise<{ actor: UserActor; userId: string }> {
	const actor = event.locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(event.url));
	if (!can(actor, 'admin', { resource: 'users' })) error(403, FORBIDDEN);
	const form = await event.request.formData();
	return { actor, userId: text(form, 'userId') };
}

async function setDisabled(event: RequestEvent, disabled: boolean) {
	const { actor, userId } = await target(event);
	if (!isUuid(userId)) return fail(404, { userId, errors: [{ code: 'not_found' }] });
	const result = await setAccountDisabled(event.locals.app, { actor, userId, disabled });
	if (!result.ok) return fail(result.failure.status, { userId, errors: [fromFailure(result.failure)] });
	return { userId, done: disabled ? ('disabled' as const) : ('enabled' as const) };
}

export const actions: Actions = {
	disable: (event) => setDisabled(event, true),
	enable: (event) => setDisabled(event, false),
	resetLink: async (event) => {
		const { actor, userId } = await target(event);
		if (!isUuid(userId)) return fail(404, { userId, errors: [{ code: 'not_found' }] });
		const app = event.locals.app;
		const result = await createResetLink(app, { actor, userId, origin: app.config.ORIGIN ?? event.url.origin });
		if (!result.ok) return fail(result.failure.status, { userId, errors: [fromFailure(result.failure)] });
		return { userId, done: 'link' as const, resetUrl: result.value.resetUrl, expiresAt: result.value.expiresAt };
	}
};
