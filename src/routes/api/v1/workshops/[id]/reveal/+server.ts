import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { facilitatedWorkshop } from '#lib/server/workshops/http.ts';
import type { RequestHandler } from './$types';

/** Silent mode: puts every private card on the board at once. */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	const id = params.id ?? '';
	const ctx = await facilitatedWorkshop(locals, id);
	const revealed = await workshops.revealCards(locals.app, ctx.user, ctx.workshop);
	return json({ revealed });
});
