import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { requestReset } from '#lib/server/auth/password-reset.ts';
import { passwordResetRequestInput } from '#lib/server/auth/schemas.ts';
import { failureResponse, methodNotAllowed, requestMeta } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/**
 * `{email}`: mails a link for choosing a new password when the address has an account. The
 * answer is 202 either way, so it does not tell whether an account exists.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const { email } = await readJson(event.request, passwordResetRequestInput);
	const app = event.locals.app;
	const result = requestReset(app, { email, origin: app.config.ORIGIN ?? event.url.origin, meta: requestMeta(event) });
	if (!result.ok) return failureResponse(result.failure);
	return json({ status: 'requested' }, { status: 202 });
});

export const fallback = methodNotAllowed('POST');
