import { error, fail, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { can } from '#lib/server/access/policy.ts';
import { ApiError } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { formatJoinCode } from '#lib/server/workshops/codes.ts';
import { TARGET_PHASES } from '#lib/server/workshops/phases.ts';
import { updateWorkshopSchema } from '#lib/server/workshops/validation.ts';
import type { Actions, PageServerLoad } from './$types';

async function context(locals: App.Locals, initiativeId: string, workshopId: string) {
	const ctx = await workshops.workshopContext(locals.app.db, locals.actor, workshopId);
	if (!ctx || ctx.workshop.initiativeId !== initiativeId || !can(locals.actor, 'read', ctx.target)) error(404, 'Finns inte.');
	// A sprint room's own workshop ("How might we" notes) is run in its room, not among the needs workshops.
	if (ctx.target.workshop.room) redirect(303, `/sprints/${ctx.target.workshop.room.room.roomId}`);
	return ctx;
}

/** The facilitator's view of a workshop (observers see it read-only). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = await context(locals, params.id, params.workshopId);
	const w = ctx.workshop;
	const abilities = workshops.boardAbilities(locals.actor, ctx);
	const team = workshops.isTeam(locals.actor, ctx);
	const origin = locals.app.config.ORIGIN ?? url.origin;
	const joinUrl = workshops.joinUrl(origin, w.joinCode);
	const [results, privateCards, guests] = await Promise.all([
		workshops.results(locals.app, w, { team, viewer: locals.actor }),
		abilities.facilitate ? workshops.privateCardCount(locals.app.db, w.id) : Promise.resolve(0),
		workshops.guestCount(locals.app.db, w.id)
	]);
	const qr =
		abilities.facilitate && w.phase !== 'closed'
			? await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
			: null;
	return {
		workshop: workshops.toApi(w, { facilitator: abilities.facilitate, origin }),
		boardAbilities: abilities,
		join: abilities.facilitate ? { code: formatJoinCode(w.joinCode), url: joinUrl, qr } : null,
		results,
		privateCards,
		guests
	};
};

async function facilitate(locals: App.Locals, initiativeId: string, workshopId: string) {
	const ctx = await context(locals, initiativeId, workshopId);
	if (locals.actor.kind !== 'user' || !can(locals.actor, 'admin', ctx.target)) error(403, 'Du har inte behörighet till detta.');
	return { ...ctx, user: locals.actor };
}

async function attempt(action: string, fn: () => Promise<unknown>) {
	try {
		await fn();
		return { action, ok: true };
	} catch (err) {
		if (err instanceof ApiError) return fail(err.status, { action, error: err.message });
		throw err;
	}
}

export const actions: Actions = {
	settings: async ({ locals, params, request }) => {
		const ctx = await facilitate(locals, params.id, params.workshopId);
		const form = await request.formData();
		const votes = Number(form.get('votesPerParticipant'));
		const draft = ctx.workshop.phase === 'draft';
		const values = {
			title: String(form.get('title') ?? ''),
			question: String(form.get('question') ?? ''),
			votesPerParticipant: Number.isInteger(votes) ? votes : undefined,
			...(draft ? { anonymous: form.get('anonymous') === 'on', silent: form.get('silent') === 'on' } : {})
		};
		const parsed = updateWorkshopSchema.safeParse(values);
		if (!parsed.success || values.votesPerParticipant === undefined) {
			const message = parsed.success ? 'Ange antalet röster som ett heltal mellan 1 och 50.' : parsed.error.issues[0].message;
			return fail(400, { action: 'settings', error: message, values });
		}
		return attempt('settings', () => workshops.updateWorkshop(locals.app, ctx.user, ctx.workshop, parsed.data));
	},
	phase: async ({ locals, params, request }) => {
		const ctx = await facilitate(locals, params.id, params.workshopId);
		const phase = String((await request.formData()).get('phase') ?? '');
		if (!(TARGET_PHASES as readonly string[]).includes(phase)) return fail(400, { action: 'phase', error: 'Okänd fas.' });
		return attempt('phase', () => workshops.changePhase(locals.app, ctx.user, ctx.workshop, phase as (typeof TARGET_PHASES)[number]));
	},
	lock: async ({ locals, params, request }) => {
		const ctx = await facilitate(locals, params.id, params.workshopId);
		const locked = (await request.formData()).get('locked') === 'true';
		return attempt('lock', () => workshops.setLocked(locals.app, ctx.user, ctx.workshop, locked));
	},
	timer: async ({ locals, params, request }) => {
		const ctx = await facilitate(locals, params.id, params.workshopId);
		const minutes = Number((await request.formData()).get('minutes') ?? 0);
		if (minutes !== 0 && (!Number.isFinite(minutes) || minutes < 1 || minutes > 120)) {
			return fail(400, { action: 'timer', error: 'Välj en tid mellan 1 och 120 minuter.' });
		}
		return attempt('timer', () => workshops.setTimer(locals.app, ctx.workshop, minutes ? Math.round(minutes * 60) : null));
	},
	reveal: async ({ locals, params }) => {
		const ctx = await facilitate(locals, params.id, params.workshopId);
		return attempt('reveal', () => workshops.revealCards(locals.app, ctx.user, ctx.workshop));
	},
	tally: async ({ locals, params, request }) => {
		const ctx = await facilitate(locals, params.id, params.workshopId);
		const visible = (await request.formData()).get('visible') === 'true';
		return attempt('tally', () => workshops.setTallyVisible(locals.app, ctx.user, ctx.workshop, visible));
	}
};
