import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { facilitatedWorkshop } from '#lib/server/workshops/http.ts';
import type { RequestHandler } from './$types';

/** Facilitators remove a guest and its votes (journalled; its live connection closes). */
export const DELETE: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await facilitatedWorkshop(locals, params.id ?? '');
	return json(await workshops.removeGuest(locals.app, ctx.user, ctx.workshop, params.guestId ?? ''));
});
