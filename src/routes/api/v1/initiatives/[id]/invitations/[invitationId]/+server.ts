import { endpoint, notFound } from '#lib/server/http/api.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/** Withdraws an open invitation (process leaders). */
export const DELETE: RequestHandler = endpoint(async ({ locals, params }) => {
	const { actor, scope } = await initiatives.authorizeInitiative(locals, params.id, 'members', 'admin');
	if (!isUuid(params.invitationId ?? '')) throw notFound();
	await initiatives.revokeInvitation(locals.app, actor, scope.initiativeId, params.invitationId!);
	return new Response(null, { status: 204 });
});
