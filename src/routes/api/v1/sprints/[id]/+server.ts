import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import type { RequestHandler } from './$types';

/**
 * The sprint: `{id, title, stage, rooms:[{id, docName, organisation?}]}` and more. The buyer team
 * sees every room; a supplier user only its own room (no count of others); anyone else 404.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await sprints.authorizeSprint(locals, params.id, 'sprint', 'read');
	return json(await sprints.sprintView(locals.app.db, ctx.actor, ctx));
});
