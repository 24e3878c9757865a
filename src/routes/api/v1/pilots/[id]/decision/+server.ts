import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import { decisionSchema } from '#lib/server/pilots/validation.ts';
import type { RequestHandler } from './$types';

/** The go/no-go decision: the pilot's named decision makers only (403 for everyone else who reads it). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await pilots.authorizePilot(locals, params.id, 'pilot_decision', 'write');
	const input = await readJson(request, decisionSchema);
	return json(await pilots.decide(locals.app, ctx.actor, ctx, input), { status: 201 });
});
