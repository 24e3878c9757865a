import { fail, redirect } from '@sveltejs/kit';
import * as accounts from '#lib/server/auth/accounts.ts';
import { parseInput } from '#lib/server/auth/result.ts';
import { signupInput } from '#lib/server/auth/schemas.ts';
import { fieldProblems, fromFailure, required, text } from '#lib/server/auth/forms.ts';
import { findOpenInvitation } from '#lib/server/organisations/invitations.ts';
import { requestMeta, setSessionCookie } from '#lib/server/auth/web.ts';
import type { Actions, PageServerLoad } from './$types';

/** Landing page of an organisation invitation: a sign-up form with the invited address locked. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const invitation = await findOpenInvitation(locals.app.db, params.token);
	const signedInAs = locals.actor.kind === 'user' ? locals.actor.name : null;
	if (!invitation) return { invitation: null, signedInAs };
	return {
		invitation: { email: invitation.email, organisation: invitation.organisationName, expiresAt: invitation.expiresAt },
		signedInAs
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = { name: text(form, 'name').trim(), password: text(form, 'password') };
		const keep = { name: values.name };
		const invitation = await findOpenInvitation(event.locals.app.db, event.params.token);
		if (!invitation) return fail(400, { values: keep, errors: [{ code: 'invalid_invitation' }] });
		const problems = [...required(values, ['name', 'password']), ...fieldProblems({ password: values.password })];
		if (problems.length) return fail(400, { values: keep, errors: problems });
		// The address is the invitation's, whatever the browser sent: the link is bound to it.
		const parsed = parseInput(signupInput, { ...values, email: invitation.email, inviteToken: event.params.token });
		if (!parsed.ok) return fail(400, { values: keep, errors: [fromFailure(parsed.failure)] });
		const result = await accounts.signup(event.locals.app, parsed.value, requestMeta(event));
		if (!result.ok) return fail(result.failure.status, { values: keep, errors: [fromFailure(result.failure)] });
		setSessionCookie(event.cookies, event.locals.app, result.value.token);
		redirect(303, '/organisation?joined=1');
	}
};
