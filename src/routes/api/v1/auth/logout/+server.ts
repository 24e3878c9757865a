import { endpoint } from '#lib/server/http/api.ts';
import * as accounts from '#lib/server/auth/accounts.ts';
import { clearSessionCookie, methodNotAllowed } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** Ends the session server-side (its live sockets close) and clears the cookie. Idempotent. */
export const POST: RequestHandler = endpoint(async ({ locals, cookies }) => {
	if (locals.session) await accounts.logout(locals.app, locals.session);
	clearSessionCookie(cookies, locals.app);
	return new Response(null, { status: 204 });
});

export const fallback = methodNotAllowed('POST');
