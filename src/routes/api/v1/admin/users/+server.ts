import { json } from '@sveltejs/kit';
import { endpoint, forbidden, requireUser } from '#lib/server/http/api.ts';
import { can } from '#lib/server/access/policy.ts';
import { listAccounts } from '#lib/server/auth/admin-users.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** Every account on the installation (platform administrators; others get 403). */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	if (!can(actor, 'read', { resource: 'users' })) throw forbidden();
	return json(await listAccounts(locals.app));
});

export const fallback = methodNotAllowed('GET');
