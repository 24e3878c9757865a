import { fail } from '@sveltejs/kit';
import { requestReset } from '#lib/server/auth/password-reset.ts';
import { parseInput } from '#lib/server/auth/result.ts';
import { passwordResetRequestInput } from '#lib/server/auth/schemas.ts';
import { fromFailure, required, text } from '#lib/server/auth/forms.ts';
import { requestMeta } from '#lib/server/auth/web.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({ signedIn: locals.actor.kind === 'user' });

export const actions: Actions = {
	/** The same answer for every well-formed address (see `requestReset`). */
	default: async (event) => {
		const form = await event.request.formData();
		const email = text(form, 'email').trim();
		const missing = required({ email }, ['email']);
		if (missing.length) return fail(400, { email, errors: missing });
		const parsed = parseInput(passwordResetRequestInput, { email });
		if (!parsed.ok) return fail(400, { email, errors: [{ ...fromFailure(parsed.failure), field: 'email' }] });
		const app = event.locals.app;
		const result = requestReset(app, { email: parsed.value.email, origin: app.config.ORIGIN ?? event.url.origin, meta: requestMeta(event) });
		if (!result.ok) return fail(result.failure.status, { email, errors: [fromFailure(result.failure)] });
		return { email: parsed.value.email, requested: true };
	}
};
