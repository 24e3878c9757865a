import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { inviteSupplier } from '#lib/server/market/invitations.ts';
import { inviteSchema } from '#lib/server/tenders/validation.ts';
import type { RequestHandler } from './$types';

/** Invites a supplier by email; the link admits its organisation to the round once accepted. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request, url }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'admin');
	const { email } = await readJson(request, inviteSchema);
	const created = await inviteSupplier(locals.app, ctx.actor, {
		subjectKind: 'tender',
		subjectId: ctx.tender.id,
		initiativeId: ctx.tender.initiativeId,
		subjectTitle: ctx.tender.title,
		email,
		origin: locals.app.config.ORIGIN ?? url.origin
	});
	return json(created, { status: 201 });
});
