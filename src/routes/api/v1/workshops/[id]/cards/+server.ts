import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { authorizedWorkshop } from '#lib/server/workshops/http.ts';
import { cardSchema } from '#lib/server/workshops/validation.ts';
import type { RequestHandler } from './$types';

/** The caller's own cards, private ones (silent mode, before the reveal) included. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const id = params.id ?? '';
	const ctx = await authorizedWorkshop(locals, id, 'write');
	const cards = await workshops.myCards(locals.app.db, locals.actor, ctx.workshop.id);
	return json({ cards: cards.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) });
});

/** Writes a card (any participant, collect phase). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const id = params.id ?? '';
	const ctx = await authorizedWorkshop(locals, id, 'write');
	const { text } = await readJson(request, cardSchema);
	const card = await workshops.addCard(locals.app, locals.actor, ctx.workshop, text);
	return json(card, { status: 201 });
});
