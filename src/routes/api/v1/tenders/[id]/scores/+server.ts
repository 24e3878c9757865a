import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { scoreSchema } from '#lib/server/tenders/validation.ts';
import type { RequestHandler } from './$types';

/** The caller's score and motivation for one tender on one quality criterion. */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await tenders.authorizeSubmissions(locals, params.id, 'write');
	const input = await readJson(request, scoreSchema);
	await tenders.score(locals.app, ctx.actor, ctx, input);
	return json({ ok: true });
});
