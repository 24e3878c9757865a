import { json } from '@sveltejs/kit';
import { endpoint, ApiError, authorize } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import type { RequestHandler } from './$types';

/** The public version of the tenders after the award, confidential parts replaced by a marker. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'read');
	if (!ctx.scope.awarded) throw new ApiError(403, 'not_public', 'Anbuden är hemliga till tilldelningsbeslutet.');
	authorize(ctx.actor, 'read', { resource: 'tender_public', initiative: ctx.initiative, tender: ctx.scope });
	return json(await tenders.publicVersion(locals.app, ctx));
});
