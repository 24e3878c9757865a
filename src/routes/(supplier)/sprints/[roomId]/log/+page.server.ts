import * as sprints from '#lib/server/sprints/index.ts';
import { pageRoom } from '#lib/server/sprints/pages.ts';
import type { PageServerLoad } from './$types';

/** The room's sprint log as a printable page (the same document as the Word export). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = await pageRoom(locals, url, params.roomId, 'read');
	return { doc: await sprints.sprintLogDocument(locals.app, ctx.actor, ctx), roomId: ctx.room.id };
};
