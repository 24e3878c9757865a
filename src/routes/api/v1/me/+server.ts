import { json } from '@sveltejs/kit';
import { endpoint, readJson, requireUser, unauthenticated } from '#lib/server/http/api.ts';
import * as accounts from '#lib/server/auth/accounts.ts';
import { profileInput } from '#lib/server/auth/schemas.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** The signed-in user and their organisation. */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	const me = await accounts.me(locals.app.db, actor.userId);
	if (!me) throw unauthenticated();
	return json(me);
});

/** Changes the display name: `{name}`. */
export const PATCH: RequestHandler = endpoint(async ({ locals, request }) => {
	const actor = requireUser(locals.actor);
	const { name } = await readJson(request, profileInput);
	await accounts.updateProfile(locals.app, { actor, name });
	const me = await accounts.me(locals.app.db, actor.userId);
	return json(me);
});

export const fallback = methodNotAllowed('GET', 'PATCH');
