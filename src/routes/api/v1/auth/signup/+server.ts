import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as accounts from '#lib/server/auth/accounts.ts';
import { signupInput } from '#lib/server/auth/schemas.ts';
import { failureResponse, methodNotAllowed, requestMeta, setSessionCookie } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** Creates an account (with a new organisation, or by invitation) and signs it in. */
export const POST: RequestHandler = endpoint(async (event) => {
	const input = await readJson(event.request, signupInput);
	const result = await accounts.signup(event.locals.app, input, requestMeta(event));
	if (!result.ok) return failureResponse(result.failure);
	const { user, organisation, token } = result.value;
	setSessionCookie(event.cookies, event.locals.app, token);
	return json({ user, organisation }, { status: 201 });
});

export const fallback = methodNotAllowed('POST');
