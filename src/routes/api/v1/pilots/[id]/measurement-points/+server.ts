import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import { pointsSchema } from '#lib/server/pilots/validation.ts';
import type { RequestHandler } from './$types';

/** Replaces the measurement points (buyer team). */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await pilots.authorizePilot(locals, params.id, 'pilot', 'write');
	const { points } = await readJson(request, pointsSchema);
	const saved = await pilots.savePoints(locals.app, ctx.actor, ctx, points);
	return json({ points: (await pilots.indicatorsOf(locals.app.db, ctx, ctx.actor)).filter((i) => saved.some((s) => s.id === i.pointId)).map(({ series: _s, status: _st, pointId, ...rest }) => ({ id: pointId, ...rest })) });
});
