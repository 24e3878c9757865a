import { json } from '@sveltejs/kit';
import { endpoint, requireUser } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import { acceptSupplierInvitation, describeSupplierInvitation } from '#lib/server/market/invitations.ts';
import type { RequestHandler } from './$types';

/**
 * Accepts an invitation as the signed-in user (who must own the invited address): to an
 * initiative (`{initiativeId, role}`), or, for a supplier, to a round on the market side
 * (`{rfiId}`, `{tenderId}` or `{sprintRoomId}`). One endpoint for every kind of invitation link.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	const actor = requireUser(locals.actor);
	const token = params.token ?? '';
	if (await describeSupplierInvitation(locals.app.db, token, locals.app.clock.now())) {
		const { subjectKind, subjectId } = await acceptSupplierInvitation(locals.app, actor, token);
		return json(subjectKind === 'tender' ? { tenderId: subjectId } : subjectKind === 'sprint' ? { sprintRoomId: subjectId } : { rfiId: subjectId });
	}
	return json(await initiatives.acceptInvitation(locals.app, actor, token));
});
