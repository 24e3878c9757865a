import { error, fail } from '@sveltejs/kit';
import * as rfi from '#lib/server/rfi/index.ts';
import { attempt, pageRfi } from '#lib/server/rfi/pages.ts';
import { analysisSchema, answerNoteSchema } from '#lib/server/rfi/validation.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function responsesOf(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>, action: 'read' | 'write') {
	const ctx = await pageRfi(event.locals, event.url, event.params.rfiId, 'rfi_responses', action);
	if (ctx.rfi.initiativeId !== event.params.id) error(404, 'Finns inte.');
	return ctx;
}

export const load: PageServerLoad = async (event) => {
	const ctx = await responsesOf(event, 'read');
	const db = event.locals.app.db;
	return {
		round: { id: ctx.rfi.id, title: ctx.rfi.title, summary: ctx.rfi.summary, marketFinding: ctx.rfi.marketFinding },
		questions: (await rfi.questionsOf(db, ctx.rfi.id, true)).filter((q) => !q.removed),
		responses: await rfi.responses(db, ctx)
	};
};

export const actions: Actions = {
	note: async (event) => {
		const ctx = await responsesOf(event, 'write');
		const form = await event.request.formData();
		const score = String(form.get('score') ?? '');
		const input = {
			responseId: String(form.get('responseId') ?? ''),
			questionId: String(form.get('questionId') ?? ''),
			score: score ? Number(score) : null,
			tags: String(form.get('tags') ?? '')
				.split(',')
				.map((t) => t.trim())
				.filter(Boolean),
			note: String(form.get('note') ?? '')
		};
		const parsed = answerNoteSchema.safeParse(input);
		const where = { action: 'note' as const, responseId: input.responseId, questionId: input.questionId };
		if (!parsed.success) return fail(400, { ...where, error: parsed.error.issues[0].message });
		const result = await attempt(() => rfi.saveNote(event.locals.app, ctx.actor, ctx, parsed.data), where);
		if (!result.ok) return result.failure;
		return { ...where, saved: true };
	},
	analysis: async (event) => {
		const ctx = await responsesOf(event, 'write');
		const form = await event.request.formData();
		const finding = String(form.get('marketFinding') ?? '');
		const parsed = analysisSchema.safeParse({ summary: String(form.get('summary') ?? ''), marketFinding: finding || null });
		if (!parsed.success) return fail(400, { action: 'analysis' as const, error: parsed.error.issues[0].message });
		const result = await attempt(() => rfi.saveAnalysis(event.locals.app, ctx.actor, ctx, parsed.data), { action: 'analysis' });
		if (!result.ok) return result.failure;
		return { action: 'analysis' as const, saved: true };
	}
};
