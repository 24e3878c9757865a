import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import { authorizeInitiative } from '#lib/server/initiatives/access.ts';
import { createPilotSchema } from '#lib/server/pilots/validation.ts';
import type { RequestHandler } from './$types';

/** The initiative's pilots (buyer team and observers). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { scope } = await authorizeInitiative(locals, params.id, 'pilots', 'read');
	return json(await pilots.listPilots(locals.app.db, scope.initiativeId));
});

/** Creates a pilot (process leader); by direct award the advisor's aggregation comes back with it. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, scope } = await authorizeInitiative(locals, params.id, 'pilots', 'admin');
	const input = await readJson(request, createPilotSchema);
	return json(await pilots.createPilot(locals.app, actor, scope.initiativeId, input), { status: 201 });
});
