import { json } from '@sveltejs/kit';
import { endpoint, forbidden, requireUser } from '#lib/server/http/api.ts';
import { can } from '#lib/server/access/policy.ts';
import { listOutbox } from '#lib/server/mail/index.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/**
 * The outbox, newest first (platform administrators): `[{to, subject, body, createdAt, sentAt, error}]`.
 * The address of this endpoint is public, so other signed-in users get 403, not 404.
 */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	if (!can(actor, 'read', { resource: 'outbox' })) throw forbidden();
	return json(await listOutbox(locals.app.db));
});

export const fallback = methodNotAllowed('GET');
