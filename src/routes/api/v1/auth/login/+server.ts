import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as accounts from '#lib/server/auth/accounts.ts';
import { loginInput } from '#lib/server/auth/schemas.ts';
import { failureResponse, methodNotAllowed, requestMeta, setSessionCookie } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** Signs in; every sign-in gets a new session, and the one of the cookie sent along ends. */
export const POST: RequestHandler = endpoint(async (event) => {
	const input = await readJson(event.request, loginInput);
	const result = await accounts.login(event.locals.app, input, { ...requestMeta(event), previousToken: event.locals.sessionToken });
	if (!result.ok) return failureResponse(result.failure);
	setSessionCookie(event.cookies, event.locals.app, result.value.token);
	return json({ user: result.value.user });
});

export const fallback = methodNotAllowed('POST');
