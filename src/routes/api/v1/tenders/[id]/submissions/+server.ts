import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { submissionSchema } from '#lib/server/tenders/validation.ts';
import type { RequestHandler } from './$types';

/** Every tender's content: 403 `sealed` before the opening for everyone, then the declared buyer team. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await tenders.authorizeSubmissions(locals, params.id, 'read');
	return json(await tenders.submissionsForBuyer(locals.app, ctx));
});

/** Submits (or replaces) the organisation's sealed tender; answers the receipt. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender_submission', 'write');
	const input = await readJson(request, submissionSchema);
	return json(await tenders.submit(locals.app, ctx.actor, ctx, input), { status: 201 });
});
