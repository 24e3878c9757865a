import { json } from '@sveltejs/kit';
import { endpoint, forbidden, readJson } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { statementSchema } from '#lib/server/tenders/validation.ts';
import type { RequestHandler } from './$types';

/** The supplier's hearing statement about its own organisation's conflict of interest. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender_submission', 'write');
	if ((params.organisationId ?? '').toLowerCase() !== ctx.actor.organisationId) throw forbidden();
	const { statement } = await readJson(request, statementSchema);
	await tenders.submitStatement(locals.app, ctx.actor, ctx, statement);
	return json({ ok: true }, { status: 201 });
});
