import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/** Members of the initiative (every member may see who else takes part). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { scope } = await initiatives.authorizeInitiative(locals, params.id, 'members', 'read');
	const members = await initiatives.listMembers(locals.app.db, scope.initiativeId);
	return json(members.map((m) => ({ ...m, since: m.since.toISOString() })));
});
