import { json } from '@sveltejs/kit';
import { endpoint, forbidden, notFound, readJson, requireUser } from '#lib/server/http/api.ts';
import { can } from '#lib/server/access/policy.ts';
import { setAccountDisabled } from '#lib/server/auth/admin-users.ts';
import { accountUpdateInput } from '#lib/server/auth/schemas.ts';
import { failureResponse, methodNotAllowed } from '#lib/server/auth/web.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import type { RequestHandler } from './$types';

/** `{disabled}`: turns an account off (its sessions end, its live connections close) or on. */
export const PATCH: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const actor = requireUser(locals.actor);
	if (!can(actor, 'admin', { resource: 'users' })) throw forbidden();
	const userId = params.id ?? '';
	if (!isUuid(userId)) throw notFound();
	const { disabled } = await readJson(request, accountUpdateInput);
	const result = await setAccountDisabled(locals.app, { actor, userId, disabled });
	if (!result.ok) return failureResponse(result.failure);
	return json(result.value);
});

export const fallback = methodNotAllowed('PATCH');
