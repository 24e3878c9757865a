import { json } from '@sveltejs/kit';
import { endpoint, readJson, requireUser, unauthenticated } from '#lib/server/http/api.ts';
import * as accounts from '#lib/server/auth/accounts.ts';
import { passwordChangeInput } from '#lib/server/auth/schemas.ts';
import { failureResponse, methodNotAllowed, requestMeta } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** `{currentPassword, newPassword}`: changes the password and ends every other session. */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event.locals.actor);
	if (!event.locals.session) throw unauthenticated();
	const input = await readJson(event.request, passwordChangeInput);
	const result = await accounts.changePassword(event.locals.app, {
		actor,
		sessionId: event.locals.session.id,
		input,
		meta: requestMeta(event)
	});
	if (!result.ok) return failureResponse(result.failure);
	return json(result.value);
});

export const fallback = methodNotAllowed('POST');
