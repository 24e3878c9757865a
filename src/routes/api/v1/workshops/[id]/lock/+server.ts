import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { facilitatedWorkshop } from '#lib/server/workshops/http.ts';
import { lockSchema } from '#lib/server/workshops/validation.ts';
import type { RequestHandler } from './$types';

/** Locks or unlocks the board: while locked, participants can neither write cards nor vote. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const id = params.id ?? '';
	const ctx = await facilitatedWorkshop(locals, id);
	const { locked } = await readJson(request, lockSchema);
	const w = await workshops.setLocked(locals.app, ctx.user, ctx.workshop, locked);
	return json({ id: w.id, locked: w.locked });
});
