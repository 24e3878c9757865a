import { error, fail } from '@sveltejs/kit';
import * as rfi from '#lib/server/rfi/index.ts';
import { attempt, fieldErrors, isoToStockholmLocal, linkChoices, pageRfi, roundInput } from '#lib/server/rfi/pages.ts';
import { clarificationAnswerSchema, inviteSchema, noticeSchema, updateRfiSchema } from '#lib/server/rfi/validation.ts';
import { inviteSupplier } from '#lib/server/market/invitations.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The round of this page, checked by the policy, and only under its own initiative. */
async function round(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>, action: 'read' | 'write' | 'admin') {
	const ctx = await pageRfi(event.locals, event.url, event.params.rfiId, 'rfi', action);
	if (ctx.rfi.initiativeId !== event.params.id) error(404, 'Finns inte.');
	if (ctx.actor.organisationKind !== 'buyer') error(404, 'Finns inte.');
	return ctx;
}

export const load: PageServerLoad = async (event) => {
	const ctx = await round(event, 'read');
	const view = await rfi.roundView(event.locals.app.db, ctx, ctx.actor, event.locals.app.clock.now());
	if (!('participants' in view)) error(404, 'Finns inte.');
	const links = view.abilities.edit ? await linkChoices(event.locals.app.db, ctx.actor, ctx.initiative) : { needs: [], versions: [] };
	return {
		round: view,
		form: {
			title: view.title,
			intro: view.intro,
			questionsDeadline: isoToStockholmLocal(view.questionsDeadline),
			answersDeadline: isoToStockholmLocal(view.answersDeadline),
			requirementsVersion: ctx.rfi.requirementsVersion,
			open: view.open,
			questions: view.questions.filter((q) => !q.removed).map((q) => ({ id: q.id, text: q.text, kind: q.kind, options: q.options, multiple: q.multiple, needId: q.needId, requirementUid: q.requirementUid }))
		},
		links
	};
};

export const actions: Actions = {
	update: async (event) => {
		const ctx = await round(event, 'admin');
		const form = await event.request.formData();
		const raw = roundInput(form);
		const values = { ...raw, questionsDeadline: String(form.get('questionsDeadline') ?? ''), answersDeadline: String(form.get('answersDeadline') ?? '') };
		const parsed = updateRfiSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { action: 'update' as const, values, errors: fieldErrors(parsed.error.issues) });
		const result = await attempt(() => rfi.updateRfi(event.locals.app, ctx.actor, ctx, parsed.data), { action: 'update', values });
		if (!result.ok) return result.failure;
		return { action: 'update' as const, revision: result.value.revision };
	},
	publish: async (event) => {
		const ctx = await round(event, 'admin');
		const form = await event.request.formData();
		if (form.get('confirm') !== 'on') return fail(400, { action: 'publish' as const, error: 'Bekräfta att du vill publicera rundan.' });
		const view = await rfi.roundView(event.locals.app.db, ctx, ctx.actor, event.locals.app.clock.now());
		const result = await attempt(() => rfi.publishRfi(event.locals.app, ctx.actor, ctx, { buyerName: view.buyer }), { action: 'publish' });
		if (!result.ok) return result.failure;
		return { action: 'publish' as const, published: true };
	},
	invite: async (event) => {
		const ctx = await round(event, 'admin');
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const parsed = inviteSchema.safeParse({ email });
		if (!parsed.success) return fail(400, { action: 'invite' as const, email, error: parsed.error.issues[0].message });
		const result = await attempt(
			() =>
				inviteSupplier(event.locals.app, ctx.actor, {
					subjectKind: 'rfi',
					subjectId: ctx.rfi.id,
					initiativeId: ctx.rfi.initiativeId,
					subjectTitle: ctx.rfi.title,
					email: parsed.data.email,
					origin: event.locals.app.config.ORIGIN ?? event.url.origin
				}),
			{ action: 'invite', email }
		);
		if (!result.ok) return result.failure;
		return { action: 'invite' as const, invited: parsed.data.email, inviteUrl: result.value.inviteUrl };
	},
	answer: async (event) => {
		const ctx = await round(event, 'write');
		const form = await event.request.formData();
		const id = String(form.get('clarificationId') ?? '');
		const input = { question: String(form.get('question') ?? '').trim() || undefined, answer: String(form.get('answer') ?? '') };
		const parsed = clarificationAnswerSchema.safeParse(input);
		if (!parsed.success) return fail(400, { action: 'answer' as const, clarificationId: id, error: parsed.error.issues[0].message });
		const result = await attempt(() => rfi.answerClarification(event.locals.app, ctx.actor, ctx, id, parsed.data), { action: 'answer', clarificationId: id });
		if (!result.ok) return result.failure;
		return { action: 'answer' as const, answered: id };
	},
	notice: async (event) => {
		const ctx = await round(event, 'write');
		const form = await event.request.formData();
		const values = { title: String(form.get('title') ?? ''), body: String(form.get('body') ?? '') };
		const parsed = noticeSchema.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'notice' as const, values, error: parsed.error.issues[0].message });
		const result = await attempt(() => rfi.publishNotice(event.locals.app, ctx.actor, ctx, parsed.data), { action: 'notice', values });
		if (!result.ok) return result.failure;
		return { action: 'notice' as const, published: true };
	}
};
