import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { authorizeInitiative } from '#lib/server/initiatives/access.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { createSprintSchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/** The initiative's sprints (buyer side). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { scope } = await authorizeInitiative(locals, params.id, 'sprints', 'read');
	return json(await sprints.listSprints(locals.app.db, scope.initiativeId));
});

/** Creates a sprint from a template (process leader). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, scope } = await authorizeInitiative(locals, params.id, 'sprints', 'admin');
	const input = await readJson(request, createSprintSchema);
	return json(await sprints.createSprint(locals.app, actor, scope.initiativeId, input), { status: 201 });
});
