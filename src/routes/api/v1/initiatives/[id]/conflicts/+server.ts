import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import * as conflicts from '#lib/server/conflicts/index.ts';
import type { RequestHandler } from './$types';

/** The conflicts register: barred and flagged supplier organisations with their evidence. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { scope } = await authorizeIn(locals.app.db, locals.actor, params.id, 'conflicts', 'read');
	return json(await conflicts.register(locals.app.db, scope.initiativeId));
});
