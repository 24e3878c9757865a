import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { authorizeSprint } from '#lib/server/sprints/access.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import { revealSchema } from '#lib/server/sprints/live/validation.ts';
import type { RequestHandler } from './$types';

/** Reveals the supplier names in the gallery (process leader), journalled with the reason. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await authorizeSprint(locals, params.id, 'sprint', 'admin');
	live.assertGalleryOpen(ctx);
	const { reason } = await readJson(request, revealSchema);
	await live.revealGallery(locals.app, ctx, reason);
	return json({ revealed: true });
});
