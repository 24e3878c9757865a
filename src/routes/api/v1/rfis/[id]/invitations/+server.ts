import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import { inviteSupplier } from '#lib/server/market/invitations.ts';
import { inviteSchema } from '#lib/server/rfi/validation.ts';
import type { RequestHandler } from './$types';

/** Invites a supplier by email; the link admits its organisation to the round once accepted. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request, url }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi', 'admin');
	const { email } = await readJson(request, inviteSchema);
	const created = await inviteSupplier(locals.app, ctx.actor, {
		subjectKind: 'rfi',
		subjectId: ctx.rfi.id,
		initiativeId: ctx.rfi.initiativeId,
		subjectTitle: ctx.rfi.title,
		email,
		origin: locals.app.config.ORIGIN ?? url.origin
	});
	return json(created, { status: 201 });
});
