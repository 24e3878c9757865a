import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import type { RequestHandler } from './$types';

/** The plan with `missingSections` (buyer team and observers; a supplier only its own pilot). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await pilots.authorizePilot(locals, params.id, 'pilot', 'read');
	return json(await pilots.pilotView(locals.app, ctx, ctx.actor));
});
