import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import { authorizeRoom } from '#lib/server/sprints/access.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import type { RequestHandler } from './$types';

/** Drafts the interview script from the sprint questions (only while the script is empty). */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await authorizeRoom(locals, params.id, 'sprint_room', 'write');
	return json({ drafted: await live.draftScript(locals.app, ctx) });
});
