import { fail, redirect } from '@sveltejs/kit';
import * as accounts from '#lib/server/auth/accounts.ts';
import * as demo from '#lib/server/auth/demo.ts';
import { fromFailure, required, text } from '#lib/server/auth/forms.ts';
import { requestMeta, safeNext, setSessionCookie } from '#lib/server/auth/web.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = url.searchParams.get('next') ?? '';
	if (locals.actor.kind === 'user') redirect(303, safeNext(next));
	return {
		next,
		signedOut: url.searchParams.has('signedOut'),
		passwordReset: url.searchParams.has('passwordReset'),
		personas: await demo.listPersonas(locals.app),
		demoClosed: (await demo.demoSignIn(locals.app)) === 'closed'
	};
};

export const actions: Actions = {
	/** Email and password. (Named, because SvelteKit does not allow a default action beside named ones.) */
	login: async (event) => {
		const form = await event.request.formData();
		const values = { email: text(form, 'email').trim(), password: text(form, 'password') };
		const next = text(form, 'next');
		const missing = required(values, ['email', 'password']);
		if (missing.length) return fail(400, { email: values.email, errors: missing });
		const result = await accounts.login(event.locals.app, values, {
			...requestMeta(event),
			previousToken: event.locals.sessionToken
		});
		if (!result.ok) return fail(result.failure.status, { email: values.email, errors: [fromFailure(result.failure)] });
		setSessionCookie(event.cookies, event.locals.app, result.value.token);
		redirect(303, safeNext(next));
	},

	/** One-click sign-in as a demo persona; refused unless demo mode is on. */
	demo: async (event) => {
		const form = await event.request.formData();
		const result = await demo.loginAsPersona(event.locals.app, text(form, 'persona'), {
			...requestMeta(event),
			previousToken: event.locals.sessionToken
		});
		if (!result.ok) return fail(403, { email: '', errors: [{ code: 'forbidden' }] });
		setSessionCookie(event.cookies, event.locals.app, result.value.token);
		redirect(303, safeNext(text(form, 'next')));
	}
};
