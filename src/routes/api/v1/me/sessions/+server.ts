import { json } from '@sveltejs/kit';
import { endpoint, requireUser } from '#lib/server/http/api.ts';
import * as accounts from '#lib/server/auth/accounts.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** Where the user is signed in: `[{id, createdAt, lastActiveAt, userAgent, ip, current}]`. */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	return json(await accounts.sessionsOf(locals.app, actor.userId, locals.session?.id ?? null));
});

export const fallback = methodNotAllowed('GET');
