import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import type { RequestHandler } from './$types';

/** Weighted totals with price points by formula; ties shown, not broken. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeSubmissions(locals, params.id, 'read');
	return json(await tenders.ranking(locals.app, ctx));
});
