import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/** Open invitations (process leaders). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { scope } = await initiatives.authorizeInitiative(locals, params.id, 'members', 'admin');
	const open = await initiatives.listOpenInvitations(locals.app.db, scope.initiativeId);
	return json(open.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() })));
});

/** Invites an address; the link is mailed and returned so the inviter can copy it (process leaders). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request, url }) => {
	const { actor, scope } = await initiatives.authorizeInitiative(locals, params.id, 'members', 'admin');
	const input = await readJson(request, initiatives.inviteSchema);
	const created = await initiatives.createInvitation(locals.app, actor, scope.initiativeId, input, {
		origin: locals.app.config.ORIGIN ?? url.origin
	});
	return json(created, { status: 201 });
});
