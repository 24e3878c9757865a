import { json } from '@sveltejs/kit';
import { endpoint, forbidden, readJson } from '#lib/server/http/api.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import { confirmSchema } from '#lib/server/pilots/validation.ts';
import type { RequestHandler } from './$types';

/** A team member confirms supplier-reported values. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await pilots.authorizePilot(locals, params.id, 'pilot_values', 'write');
	// The supplier reports; only the buyer team confirms.
	if (!pilots.isBuyerSide(ctx.actor, ctx)) throw forbidden();
	const { valueIds } = await readJson(request, confirmSchema);
	return json(await pilots.confirmValues(locals.app, ctx.actor, ctx, valueIds));
});
