import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import type { RequestHandler } from './$types';

/** Each point against baseline and target with its series and status (met / not_met / no_data). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await pilots.authorizePilot(locals, params.id, 'pilot', 'read');
	return json(await pilots.indicatorsOf(locals.app.db, ctx, ctx.actor));
});
