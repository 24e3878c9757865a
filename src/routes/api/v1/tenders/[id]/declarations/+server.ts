import { json } from '@sveltejs/kit';
import { endpoint, forbidden, readJson } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { declarationSchema } from '#lib/server/tenders/validation.ts';
import type { RequestHandler } from './$types';

/** Who has declared no conflict of interest (buyer team). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'read');
	if (!tenders.isBuyerSide(ctx.actor, ctx)) throw forbidden();
	return json(await tenders.declarations(locals.app.db, ctx.tender.id));
});

/** The caller's declaration of no conflict of interest, before reading any tender. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'read');
	const input = await readJson(request, declarationSchema);
	return json(await tenders.declare(locals.app, ctx.actor, ctx, input.statement || undefined), { status: 201 });
});
