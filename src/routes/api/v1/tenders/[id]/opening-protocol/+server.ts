import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import type { RequestHandler } from './$types';

/** The opening protocol: time, openers, every tender with its receipt hash re-checked. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender_opening', 'read');
	if (!ctx.scope.opened) throw tenders.sealed();
	return json(await tenders.openingProtocol(locals.app, ctx));
});
