import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import * as versions from '#lib/server/requirements/versions.ts';
import type { RequestHandler } from './$types';

/**
 * What publishing now would freeze (number of requirements, those linked to no need, open
 * comments), for the confirmation a publisher sees first. Asked with the publishing right itself,
 * so the answer matches what the caller may then do.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { scope } = await authorizeIn(locals.app.db, locals.actor, params.id, 'requirement_versions', 'write');
	return json(await versions.publishPreview(locals.app, scope.initiativeId));
});
