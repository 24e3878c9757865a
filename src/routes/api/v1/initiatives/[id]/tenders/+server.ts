import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { authorizeInitiative } from '#lib/server/initiatives/access.ts';
import { createTenderSchema } from '#lib/server/tenders/validation.ts';
import type { RequestHandler } from './$types';

/** The initiative's tender rounds (buyer team). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { actor, scope } = await authorizeInitiative(locals, params.id, 'tenders', 'read');
	return json(await tenders.listForActor(locals.app.db, actor, locals.app.clock.now(), { initiativeId: scope.initiativeId }));
});

/** Creates a draft round with its criteria and named openers (buyer team). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, scope } = await authorizeInitiative(locals, params.id, 'tenders', 'admin');
	const input = await readJson(request, createTenderSchema);
	return json(await tenders.createTender(locals.app, actor, scope.initiativeId, input), { status: 201 });
});
