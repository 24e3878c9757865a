import { fail, redirect } from '@sveltejs/kit';
import { findOpenReset, resetPassword } from '#lib/server/auth/password-reset.ts';
import { fieldProblems, fromFailure, required, text } from '#lib/server/auth/forms.ts';
import { requestMeta } from '#lib/server/auth/web.ts';
import type { Actions, PageServerLoad } from './$types';

/** Whose password the link is for (name and organisation only), or that it no longer works. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const open = await findOpenReset(locals.app, params.token ?? '');
	return { link: open ? { name: open.name, organisation: open.organisation, expiresAt: open.expiresAt } : null };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = { password: text(form, 'password'), confirm: text(form, 'confirm') };
		const missing = required(values, ['password']);
		if (missing.length) return fail(400, { errors: missing });
		const weak = fieldProblems({ password: values.password });
		if (weak.length) return fail(400, { errors: weak });
		if (values.password !== values.confirm) return fail(400, { errors: [{ code: 'password_mismatch', field: 'confirm' }] });
		const result = await resetPassword(event.locals.app, { token: event.params.token ?? '', password: values.password, meta: requestMeta(event) });
		if (!result.ok) return fail(result.failure.status, { errors: [fromFailure(result.failure)] });
		redirect(303, '/login?passwordReset');
	}
};
