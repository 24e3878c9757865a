import { fail, redirect } from '@sveltejs/kit';
import * as tenders from '#lib/server/tenders/index.ts';
import { pageTender } from '#lib/server/tenders/pages.ts';
import { tenderFromForm } from '#lib/server/tenders/supplier-pages.ts';
import { attempt } from '#lib/server/rfi/pages.ts';
import { draftSchema, statementSchema, submissionSchema } from '#lib/server/tenders/validation.ts';
import { formatMegabytes, metas, view as fileView } from '#lib/server/files/index.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * A supplier's view of a tender round: the documents, the deadline, whether it may tender (and its
 * hearing when it may not), its draft and its receipt, and the decision. The buyer team is sent to
 * its own page for the round.
 */
export const load: PageServerLoad = async (event) => {
	const { locals } = event;
	const ctx = await pageTender(locals, event.url, event.params.id, 'tender', 'read');
	if (ctx.actor.organisationKind !== 'supplier') redirect(303, `/initiatives/${ctx.tender.initiativeId}/tenders/${ctx.tender.id}`);
	const now = locals.app.clock.now();
	const round = await tenders.tenderView(locals.app.db, ctx, ctx.actor, now);
	if (!('receipt' in round)) redirect(303, `/initiatives/${ctx.tender.initiativeId}/tenders/${ctx.tender.id}`);
	const eligibility = await tenders.eligibilityForActor(locals.app.db, ctx, ctx.actor);
	const accepting = round.status === 'published';
	const draft = eligibility.eligible && accepting ? await tenders.readDraft(locals.app, ctx.actor, ctx) : null;
	const files = draft
		? (await metas(locals.app.db, draft.attachments)).filter((f) => f.purpose === tenders.TENDER_ATTACHMENT && f.ownerId === ctx.tender.id && f.organisationId === ctx.actor.organisationId).map(fileView)
		: [];
	return {
		round,
		eligibility,
		draft,
		files,
		accepting,
		now: now.toISOString(),
		maxFile: formatMegabytes(locals.app.config.FILES_MAX_BYTES)
	};
};

async function formInput(event: RequestEvent) {
	const ctx = await pageTender(event.locals, event.url, event.params.id, 'tender_submission', 'write');
	const docs = await tenders.tenderDocuments(event.locals.app.db, ctx.actor, ctx.tender);
	const input = tenderFromForm(await event.request.formData(), (docs?.requirements ?? []).map((r) => r.id));
	return { ctx, input };
}

const messages = (issues: Array<{ message: string }>) => [...new Set(issues.map((i) => i.message))].join(' ');

export const actions: Actions = {
	/** Saves the draft (also called by the page's autosave). */
	save: async (event) => {
		const { ctx, input } = await formInput(event);
		const parsed = draftSchema.safeParse(input);
		if (!parsed.success) return fail(400, { action: 'save' as const, error: messages(parsed.error.issues) });
		const saved = await attempt(() => tenders.saveDraft(event.locals.app, ctx.actor, ctx, parsed.data), { action: 'save' });
		if (!saved.ok) return saved.failure;
		return { action: 'save' as const, savedAt: saved.value.updatedAt };
	},
	/** Submits the form as the tender; the draft is kept if the tender is refused. */
	submit: async (event) => {
		const { ctx, input } = await formInput(event);
		const draft = draftSchema.safeParse(input);
		if (draft.success) await attempt(() => tenders.saveDraft(event.locals.app, ctx.actor, ctx, draft.data));
		const parsed = submissionSchema.safeParse({ ...input, priceSek: input.priceSek ?? undefined });
		if (!parsed.success) return fail(400, { action: 'submit' as const, error: messages(parsed.error.issues) });
		const result = await attempt(() => tenders.submit(event.locals.app, ctx.actor, ctx, parsed.data), { action: 'submit' });
		if (!result.ok) return result.failure;
		return { action: 'submit' as const, receipt: result.value.receipt };
	},
	withdraw: async (event) => {
		const ctx = await pageTender(event.locals, event.url, event.params.id, 'tender_submission', 'write');
		const result = await attempt(() => tenders.withdraw(event.locals.app, ctx.actor, ctx), { action: 'withdraw' });
		if (!result.ok) return result.failure;
		return { action: 'withdraw' as const, withdrawn: true };
	},
	statement: async (event) => {
		const ctx = await pageTender(event.locals, event.url, event.params.id, 'tender_submission', 'write');
		const statement = String((await event.request.formData()).get('statement') ?? '');
		const parsed = statementSchema.safeParse({ statement });
		if (!parsed.success) return fail(400, { action: 'statement' as const, statement, error: messages(parsed.error.issues) });
		const result = await attempt(() => tenders.submitStatement(event.locals.app, ctx.actor, ctx, parsed.data.statement), { action: 'statement', statement });
		if (!result.ok) return result.failure;
		return { action: 'statement' as const, given: true };
	}
};
