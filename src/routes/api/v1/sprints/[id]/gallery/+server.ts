import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import { authorizeSprint } from '#lib/server/sprints/access.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import type { RequestHandler } from './$types';

/** The buyer gallery: every room's sketches by letter, without supplier names until revealed. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await authorizeSprint(locals, params.id, 'sprint', 'write');
	live.assertGalleryOpen(ctx);
	return json(await live.gallery(locals.app, ctx));
});
