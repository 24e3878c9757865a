import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { authorizedWorkshop } from '#lib/server/workshops/http.ts';
import { parseKey } from '#lib/server/http/idempotency.ts';
import { cardSchema } from '#lib/server/workshops/validation.ts';
import type { RequestHandler } from './$types';

/** The caller's own cards, private ones (silent mode, before the reveal) included. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const id = params.id ?? '';
	const ctx = await authorizedWorkshop(locals, id, 'write');
	const cards = await workshops.myCards(locals.app.db, locals.actor, ctx.workshop.id);
	return json({ cards: cards.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) });
});

/**
 * Writes a card (any participant, collect phase). With an `Idempotency-Key` header, repeats of
 * the request make no second card and get the first answer (`Idempotent-Replayed: true`).
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const id = params.id ?? '';
	const ctx = await authorizedWorkshop(locals, id, 'write');
	const key = parseKey(request.headers.get('idempotency-key'));
	const { text } = await readJson(request, cardSchema);
	const r = await workshops.addCardOnce(locals.app, locals.actor, ctx.workshop, text, key);
	return json(r.body, { status: r.status, headers: r.replayed ? { 'idempotent-replayed': 'true' } : {} });
});
