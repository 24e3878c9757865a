import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { authorizedWorkshop } from '#lib/server/workshops/http.ts';
import { cardSchema } from '#lib/server/workshops/validation.ts';
import type { RequestHandler } from './$types';

/** The author changes their card's text (collect phase only). */
export const PATCH: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await authorizedWorkshop(locals, params.id ?? '', 'write');
	const { text } = await readJson(request, cardSchema);
	return json(await workshops.editCard(locals.app, locals.actor, ctx.workshop, params.cardId ?? '', text));
});

/** The author takes their card back (collect phase only). */
export const DELETE: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await authorizedWorkshop(locals, params.id ?? '', 'write');
	await workshops.deleteCard(locals.app, locals.actor, ctx.workshop, params.cardId ?? '');
	return new Response(null, { status: 204 });
});
