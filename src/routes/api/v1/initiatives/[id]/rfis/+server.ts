import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { authorizeInitiative } from '#lib/server/initiatives/access.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import { createRfiSchema } from '#lib/server/rfi/validation.ts';
import type { RequestHandler } from './$types';

/** The initiative's RFI rounds (buyer team). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { actor, scope } = await authorizeInitiative(locals, params.id, 'rfis', 'read');
	return json(await rfi.listForActor(locals.app.db, actor, locals.app.clock.now(), { initiativeId: scope.initiativeId }));
});

/** Creates a draft round (buyer team). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, scope } = await authorizeInitiative(locals, params.id, 'rfis', 'admin');
	const input = await readJson(request, createRfiSchema);
	return json(await rfi.createRfi(locals.app, actor, scope.initiativeId, input), { status: 201 });
});
