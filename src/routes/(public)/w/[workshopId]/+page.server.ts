import { error, fail, redirect } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { ApiError } from '#lib/server/http/api.ts';
import { parseKey } from '#lib/server/http/idempotency.ts';
import { endGuestSession, guestCookieName } from '#lib/server/auth/guest.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { cardSchema, voteSchema } from '#lib/server/workshops/validation.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The participant's board (guests and members alike). Someone who has not joined sees an
 * invitation to join, whatever the id — so the page reveals nothing about which workshops exist.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (locals.actor.kind === 'anonymous') return { joined: false as const };
	const ctx = await workshops.workshopContext(locals.app.db, locals.actor, params.workshopId);
	if (!ctx || !can(locals.actor, 'read', ctx.target)) error(404, 'Finns inte.');
	const w = ctx.workshop;
	const abilities = workshops.boardAbilities(locals.actor, ctx);
	const [board, myCards, votes] = await Promise.all([
		workshops.readWorkshopBoard(locals.app, w.id),
		abilities.participate ? workshops.myCards(locals.app.db, locals.actor, w.id) : Promise.resolve([]),
		abilities.participate ? workshops.voteStatus(locals.app.db, locals.actor, w) : Promise.resolve(null)
	]);
	return {
		joined: true as const,
		workshop: workshops.toApi(w, { facilitator: false }),
		abilities,
		board,
		myCards: myCards.map((c) => ({ id: c.id, text: c.text, private: c.private })),
		votes,
		me: { name: locals.actor.kind === 'guest' ? locals.actor.name : locals.actor.kind === 'user' ? locals.actor.name : '', guest: locals.actor.kind === 'guest' },
		facilitatorUrl: abilities.facilitate ? `/initiatives/${w.initiativeId}/workshops/${w.id}` : null,
		/** The idempotency key of the next card when the page works without JavaScript (the script makes its own). */
		cardKey: crypto.randomUUID()
	};
};

async function participant(locals: App.Locals, id: string) {
	const ctx = await workshops.workshopContext(locals.app.db, locals.actor, id);
	if (!ctx || !can(locals.actor, 'read', ctx.target)) error(404, 'Finns inte.');
	if (!can(locals.actor, 'write', ctx.target)) error(403, 'Du kan inte delta på tavlan.');
	return ctx;
}

function refusal(err: unknown, fields: Record<string, unknown>) {
	if (err instanceof ApiError) return fail(err.status, { ...fields, error: err.message, code: err.code });
	throw err;
}

export const actions: Actions = {
	card: async ({ locals, params, request }) => {
		const ctx = await participant(locals, params.workshopId);
		const form = await request.formData();
		const text = String(form.get('text') ?? '');
		const parsed = cardSchema.safeParse({ text });
		if (!parsed.success) return fail(400, { action: 'card', text, error: parsed.error.issues[0].message, code: 'invalid_request' });
		try {
			const key = parseKey(String(form.get('idempotencyKey') ?? '') || null);
			const card = await workshops.addCardOnce(locals.app, locals.actor, ctx.workshop, parsed.data.text, key);
			return { action: 'card', added: card.body.id, private: card.body.private };
		} catch (err) {
			return refusal(err, { action: 'card', text });
		}
	},
	/** The author changes their own card (collect phase). */
	editCard: async ({ locals, params, request }) => {
		const ctx = await participant(locals, params.workshopId);
		const form = await request.formData();
		const cardId = String(form.get('cardId') ?? '');
		const text = String(form.get('text') ?? '');
		const parsed = cardSchema.safeParse({ text });
		if (!parsed.success) return fail(400, { action: 'editCard', cardId, text, error: parsed.error.issues[0].message, code: 'invalid_request' });
		try {
			await workshops.editCard(locals.app, locals.actor, ctx.workshop, cardId, parsed.data.text);
			return { action: 'editCard', edited: cardId };
		} catch (err) {
			return refusal(err, { action: 'editCard', cardId, text });
		}
	},
	/** The author takes their own card back (collect phase). */
	deleteCard: async ({ locals, params, request }) => {
		const ctx = await participant(locals, params.workshopId);
		const cardId = String((await request.formData()).get('cardId') ?? '');
		try {
			await workshops.deleteCard(locals.app, locals.actor, ctx.workshop, cardId);
			return { action: 'deleteCard', deleted: cardId };
		} catch (err) {
			return refusal(err, { action: 'deleteCard', cardId });
		}
	},
	vote: async ({ locals, params, request }) => {
		const ctx = await participant(locals, params.workshopId);
		const parsed = voteSchema.safeParse({ targetId: String((await request.formData()).get('targetId') ?? '') });
		if (!parsed.success) return fail(400, { action: 'vote', error: 'Välj något att rösta på.', code: 'invalid_request' });
		try {
			await workshops.castVote(locals.app, locals.actor, ctx.workshop, parsed.data.targetId);
			return { action: 'vote', voted: parsed.data.targetId };
		} catch (err) {
			return refusal(err, { action: 'vote' });
		}
	},
	retract: async ({ locals, params, request }) => {
		const ctx = await participant(locals, params.workshopId);
		const targetId = String((await request.formData()).get('targetId') ?? '');
		try {
			await workshops.retractVote(locals.app, locals.actor, ctx.workshop, targetId);
			return { action: 'retract', retracted: targetId };
		} catch (err) {
			return refusal(err, { action: 'retract' });
		}
	},
	/** A guest leaves: the session ends here and now. */
	leave: async ({ locals, cookies }) => {
		if (locals.actor.kind === 'guest') {
			await endGuestSession(locals.app.db, locals.actor.guestId);
			cookies.delete(guestCookieName(locals.app.config.secureCookies), { path: '/' });
		}
		redirect(303, '/join');
	}
};
