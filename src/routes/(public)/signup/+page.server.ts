import { fail, redirect } from '@sveltejs/kit';
import * as accounts from '#lib/server/auth/accounts.ts';
import { parseInput } from '#lib/server/auth/result.ts';
import { signupInput } from '#lib/server/auth/schemas.ts';
import { fieldProblems, fromFailure, required, text } from '#lib/server/auth/forms.ts';
import { requestMeta, safeNext, setSessionCookie } from '#lib/server/auth/web.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * An invitation link may send the visitor here with `?email=` (the invited address), `?kind=`
 * (`supplier` for a company invited to a round) and `?next=` (back to the invitation, a path on
 * this site only) — the form is filled in and, after sign-up, the visitor returns to accept.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const next = url.searchParams.get('next') ?? '';
	if (locals.actor.kind === 'user') redirect(303, safeNext(next));
	const kind = url.searchParams.get('kind');
	return {
		next: safeNext(next),
		prefill: { email: (url.searchParams.get('email') ?? '').slice(0, 254), orgKind: kind === 'supplier' || kind === 'buyer' ? kind : '' }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = {
			name: text(form, 'name').trim(),
			email: text(form, 'email').trim(),
			password: text(form, 'password'),
			orgName: text(form, 'orgName').trim(),
			orgKind: text(form, 'orgKind'),
			orgNumber: text(form, 'orgNumber').trim()
		};
		// Everything but the password comes back to refill the form.
		const { password: _password, ...keep } = values;
		const problems = [
			...required(values, ['name', 'email', 'password', 'orgName', 'orgKind', 'orgNumber']),
			...fieldProblems(values)
		];
		if (problems.length) return fail(400, { values: keep, errors: problems });
		const parsed = parseInput(signupInput, {
			name: values.name,
			email: values.email,
			password: values.password,
			organisation: { name: values.orgName, kind: values.orgKind, orgNumber: values.orgNumber }
		});
		if (!parsed.ok) return fail(400, { values: keep, errors: [fromFailure(parsed.failure)] });
		const result = await accounts.signup(event.locals.app, parsed.value, requestMeta(event));
		if (!result.ok) return fail(result.failure.status, { values: keep, errors: [fromFailure(result.failure)] });
		setSessionCookie(event.cookies, event.locals.app, result.value.token);
		redirect(303, safeNext(text(form, 'next')));
	}
};
