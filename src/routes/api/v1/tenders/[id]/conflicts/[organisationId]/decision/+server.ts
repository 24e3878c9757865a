import { json } from '@sveltejs/kit';
import { endpoint, notFound, readJson } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import { decisionSchema } from '#lib/server/tenders/validation.ts';
import type { RequestHandler } from './$types';

/** A buyer-team decision to lift or uphold a bar or a flag, after the organisation's statement. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'admin');
	if (!isUuid(params.organisationId ?? '')) throw notFound();
	const input = await readJson(request, decisionSchema);
	return json(await tenders.decideConflict(locals.app, ctx.actor, ctx, params.organisationId!.toLowerCase(), input));
});
