import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { resetPassword } from '#lib/server/auth/password-reset.ts';
import { passwordResetInput } from '#lib/server/auth/schemas.ts';
import { failureResponse, methodNotAllowed, requestMeta } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/**
 * `{password}`: sets the new password with the link's token (its last path segment). Every
 * session of the account ends; sign in again with the new password.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const { password } = await readJson(event.request, passwordResetInput);
	const result = await resetPassword(event.locals.app, { token: event.params.token ?? '', password, meta: requestMeta(event) });
	if (!result.ok) return failureResponse(result.failure);
	return json({ status: 'reset' });
});

export const fallback = methodNotAllowed('POST');
