import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/** Members of the initiative (every member sees who else takes part, except other suppliers' people: rule 3). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { actor, scope } = await initiatives.authorizeInitiative(locals, params.id, 'members', 'read');
	const members = await initiatives.listMembers(locals.app.db, scope.initiativeId, actor);
	return json(members.map((m) => ({ ...m, since: m.since.toISOString() })));
});
