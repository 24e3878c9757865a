import { fail } from '@sveltejs/kit';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { can } from '#lib/server/access/policy.ts';
import { needs, users } from '#lib/server/db/schema/index.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import { attempt, optional, pageRoom, stockholmLocalToIso } from '#lib/server/sprints/pages.ts';
import { logEntrySchema, meetingSchema, questionSchema, roomSettingsSchema } from '#lib/server/sprints/validation.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * A sprint room: for its supplier (the portal) and for the buyer team alike. Until the supplier
 * has accepted the terms of participation, its users see the terms and nothing else.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = await pageRoom(locals, url, params.roomId, 'read', { requireOpen: false });
	const actor = ctx.actor;
	const base = { roomId: ctx.room.id, sprintTitle: ctx.sprint.title, me: { id: actor.userId, name: actor.name }, now: locals.app.clock.now().toISOString() };
	if (!sprints.roomOpenFor(actor, ctx.room)) {
		return { ...base, open: false as const, terms: sprints.SPRINT_TERMS, mayAccept: ctx.roomScope.own && can(actor, 'write', sprints.roomTargetOf(ctx)) };
	}
	const db = locals.app.db;
	const view = await sprints.roomView(db, actor, ctx);
	const buyer = sprints.isBuyerSide(actor, ctx);
	const admin = can(actor, 'admin', sprints.roomTargetOf(ctx));
	const needIds = ctx.sprint.needIds;
	const needRows = needIds.length ? await db.select({ id: needs.id, title: needs.title }).from(needs).where(inArray(needs.id, needIds)) : [];
	return {
		...base,
		open: true as const,
		room: view,
		needs: needRows,
		abilities: { write: can(actor, 'write', sprints.roomTargetOf(ctx)), admin, buyer },
		/** What the stage boards let this actor do (write on them, the decider's supervote). */
		boards: live.boardAbilities(actor, ctx),
		team: admin ? await sprints.buyerTeam(db, ctx.sprint.initiativeId) : [],
		supplierPeople:
			admin && ctx.room.organisationId
				? await db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.organisationId, ctx.room.organisationId), isNull(users.disabledAt))).orderBy(asc(users.name))
				: [],
		consoleHref: buyer ? `/initiatives/${ctx.sprint.initiativeId}/sprints/${ctx.sprint.id}` : null,
		/** Where a finding's proposal is decided: the requirements page, for those who read the requirements there. */
		proposalsBase:
			buyer && can(actor, 'read', { resource: 'requirements', initiative: ctx.initiative }) && can(actor, 'read', { resource: 'requirement_proposals', initiative: ctx.initiative })
				? `/initiatives/${ctx.sprint.initiativeId}/requirements?proposals=all`
				: null
	};
};

const room = (event: RequestEvent, action: 'write' | 'admin') => pageRoom(event.locals, event.url, event.params.roomId, action);

export const actions: Actions = {
	terms: async (event) => {
		const ctx = await pageRoom(event.locals, event.url, event.params.roomId, 'write', { requireOpen: false });
		const form = await event.request.formData();
		if (form.get('accept') !== 'yes') return fail(400, { action: 'terms' as const, error: 'Kryssa i att ni godkänner villkoren.' });
		const result = await attempt(() => sprints.acceptTerms(event.locals.app, ctx.actor, ctx), { action: 'terms' });
		if (!result.ok) return result.failure;
		return { action: 'terms' as const, done: true };
	},
	ask: async (event) => {
		const ctx = await room(event, 'write');
		const text = String((await event.request.formData()).get('text') ?? '');
		const parsed = questionSchema.safeParse({ text });
		if (!parsed.success) return fail(400, { action: 'ask' as const, text, error: parsed.error.issues[0].message });
		const result = await attempt(() => sprints.askQuestion(event.locals.app, ctx.actor, ctx, parsed.data.text), { action: 'ask', text });
		if (!result.ok) return result.failure;
		return { action: 'ask' as const, done: true };
	},
	meeting: async (event) => {
		const ctx = await room(event, 'write');
		const form = await event.request.formData();
		const parsed = meetingSchema.safeParse({
			startedAt: stockholmLocalToIso(String(form.get('startedAt') ?? '')),
			endedAt: stockholmLocalToIso(String(form.get('endedAt') ?? '')),
			topic: String(form.get('topic') ?? '')
		});
		if (!parsed.success) return fail(400, { action: 'meeting' as const, error: parsed.error.issues[0].message });
		const result = await attempt(() => sprints.logMeeting(event.locals.app, ctx.actor, ctx, parsed.data), { action: 'meeting' });
		if (!result.ok) return result.failure;
		return { action: 'meeting' as const, done: true };
	},
	entry: async (event) => {
		const ctx = await room(event, 'write');
		const form = await event.request.formData();
		const proposal = optional(form.get('proposal'));
		const parsed = logEntrySchema.safeParse({
			stage: form.get('stage'),
			kind: form.get('kind'),
			text: String(form.get('text') ?? ''),
			needIds: form.getAll('needIds').map(String),
			...(proposal ? { proposal: { text: proposal, ...(optional(form.get('requirementUid')) ? { requirementUid: optional(form.get('requirementUid')) } : {}) } } : {})
		});
		if (!parsed.success) return fail(400, { action: 'entry' as const, error: parsed.error.issues[0].message });
		const result = await attempt(() => sprints.addLogEntry(event.locals.app, ctx.actor, ctx, parsed.data), { action: 'entry' });
		if (!result.ok) return result.failure;
		return { action: 'entry' as const, done: true };
	},
	settings: async (event) => {
		const ctx = await room(event, 'admin');
		const form = await event.request.formData();
		const decider = optional(form.get('deciderUserId'));
		const parsed = roomSettingsSchema.safeParse({
			members: form.getAll('members').map(String),
			deciderUserId: decider ?? null,
			confidential: form.get('confidential') === 'yes'
		});
		if (!parsed.success) return fail(400, { action: 'settings' as const, error: parsed.error.issues[0].message });
		const result = await attempt(() => sprints.updateRoom(event.locals.app, ctx.actor, ctx, parsed.data), { action: 'settings' });
		if (!result.ok) return result.failure;
		return { action: 'settings' as const, done: true };
	}
};
