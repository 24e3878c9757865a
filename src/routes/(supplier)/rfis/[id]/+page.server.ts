import { fail, redirect } from '@sveltejs/kit';
import * as rfi from '#lib/server/rfi/index.ts';
import { attempt, pageRfi, responseFromForm } from '#lib/server/rfi/pages.ts';
import { clarificationSchema, responseSchema } from '#lib/server/rfi/validation.ts';
import { formatMegabytes } from '#lib/server/files/index.ts';
import { organisations } from '#lib/server/db/schema/index.ts';
import { eq } from 'drizzle-orm';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A supplier's view of the round; the buyer team is sent to its own page for the round. */
export const load: PageServerLoad = async (event) => {
	const ctx = await pageRfi(event.locals, event.url, event.params.id, 'rfi', 'read');
	if (ctx.actor.organisationKind === 'buyer') redirect(303, `/initiatives/${ctx.rfi.initiativeId}/rfis/${ctx.rfi.id}`);
	const view = await rfi.roundView(event.locals.app.db, ctx, ctx.actor, event.locals.app.clock.now());
	if (!('mine' in view)) redirect(303, `/initiatives/${ctx.rfi.initiativeId}/rfis/${ctx.rfi.id}`);
	return { round: view, maxFile: formatMegabytes(event.locals.app.config.FILES_MAX_BYTES), userId: ctx.actor.userId };
};

async function respond(event: RequestEvent) {
	const ctx = await pageRfi(event.locals, event.url, event.params.id, 'rfi_response', 'write');
	const form = await event.request.formData();
	const questions = await rfi.questionsOf(event.locals.app.db, ctx.rfi.id, false);
	const input = responseFromForm(form, questions);
	const parsed = responseSchema.safeParse(input);
	if (!parsed.success) return { ctx, failure: fail(400, { action: 'save' as const, error: parsed.error.issues.map((i) => i.message).join(' ') }) };
	const saved = await attempt(() => rfi.saveDraft(event.locals.app, ctx.actor, ctx, parsed.data), { action: 'save' });
	return saved.ok ? { ctx, saved: saved.value } : { ctx, failure: saved.failure };
}

export const actions: Actions = {
	save: async (event) => {
		const result = await respond(event);
		if ('failure' in result) return result.failure;
		return { action: 'save' as const, saved: true };
	},
	submit: async (event) => {
		const result = await respond(event);
		if ('failure' in result) return result.failure;
		const { ctx } = result;
		const [org] = await event.locals.app.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, ctx.actor.organisationId));
		const submitted = await attempt(() => rfi.submit(event.locals.app, ctx.actor, ctx, org?.name ?? ''), { action: 'submit' });
		if (!submitted.ok) return submitted.failure;
		return { action: 'submit' as const, submittedAt: submitted.value.submittedAt };
	},
	ask: async (event) => {
		const ctx = await pageRfi(event.locals, event.url, event.params.id, 'rfi_response', 'write');
		const question = String((await event.request.formData()).get('question') ?? '');
		const parsed = clarificationSchema.safeParse({ question });
		if (!parsed.success) return fail(400, { action: 'ask' as const, question, error: parsed.error.issues[0].message });
		const result = await attempt(() => rfi.askClarification(event.locals.app, ctx.actor, ctx, parsed.data.question), { action: 'ask', question });
		if (!result.ok) return result.failure;
		return { action: 'ask' as const, asked: true };
	}
};
