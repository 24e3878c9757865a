import { endpoint, notFound, requireUser } from '#lib/server/http/api.ts';
import * as accounts from '#lib/server/auth/accounts.ts';
import { clearSessionCookie, methodNotAllowed } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** Ends one of the user's own sessions (404 for any other id). Ending the current one signs out. */
export const DELETE: RequestHandler = endpoint(async ({ locals, params, cookies }) => {
	const actor = requireUser(locals.actor);
	const ended = await accounts.revokeSession(locals.app, { userId: actor.userId, sessionId: params.id ?? '' });
	if (!ended) throw notFound();
	if (params.id === locals.session?.id) clearSessionCookie(cookies, locals.app);
	return new Response(null, { status: 204 });
});

export const fallback = methodNotAllowed('DELETE');
