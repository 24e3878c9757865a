import { json } from '@sveltejs/kit';
import { endpoint, forbidden, notFound, requireUser } from '#lib/server/http/api.ts';
import { can } from '#lib/server/access/policy.ts';
import { createResetLink } from '#lib/server/auth/password-reset.ts';
import { failureResponse, methodNotAllowed } from '#lib/server/auth/web.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import type { RequestHandler } from './$types';

/**
 * Makes a link for choosing a new password for a colleague (platform administrators): 201
 * `{resetUrl, expiresAt}`, valid 24 hours and once. Hand it over by a channel you trust.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const actor = requireUser(locals.actor);
	if (!can(actor, 'admin', { resource: 'users' })) throw forbidden();
	const userId = params.id ?? '';
	if (!isUuid(userId)) throw notFound();
	const result = await createResetLink(locals.app, { actor, userId, origin: locals.app.config.ORIGIN ?? url.origin });
	if (!result.ok) return failureResponse(result.failure);
	return json(result.value, { status: 201 });
});

export const fallback = methodNotAllowed('POST');
