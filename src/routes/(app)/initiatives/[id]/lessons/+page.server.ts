import { fail } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { can } from '#lib/server/access/policy.ts';
import { initiativeOrganisations } from '#lib/server/db/schema/index.ts';
import { ApiError } from '#lib/server/http/api.ts';
import { field, pageAuthorize } from '#lib/server/initiatives/pages.ts';
import * as lessons from '#lib/server/reports/lessons.ts';
import { createTemplateSchema, lessonSchema } from '#lib/server/reports/validation.ts';
import * as templates from '#lib/server/templates/index.ts';
import { EVALUATION_MODEL_KEY, evaluationModelSchema } from '#lib/server/templates/builtin.ts';
import type { TemplateLesson } from '#lib/server/db/schema/index.ts';
import type { Actions, PageServerLoad } from './$types';

/** Lessons of the initiative, what it started with from a template, and saving its method as a template. */
export const load: PageServerLoad = async (event) => {
	const { actor, scope } = await pageAuthorize(event, 'lessons', 'read');
	const { db } = event.locals.app;
	const [list, material] = await Promise.all([lessons.listLessons(db, scope.initiativeId), templates.startingMaterial(db, scope.initiativeId)]);
	const editable = can(actor, 'write', { resource: 'lessons', initiative: scope });
	// Templates belong to the organisation: offered when the reader's organisation owns the initiative.
	const [owned] = await db
		.select({ id: initiativeOrganisations.organisationId })
		.from(initiativeOrganisations)
		.where(and(eq(initiativeOrganisations.initiativeId, scope.initiativeId), eq(initiativeOrganisations.organisationId, actor.organisationId)))
		.limit(1);
	const model = evaluationModelSchema.safeParse(material[EVALUATION_MODEL_KEY]);
	return {
		lessons: list.map((l) => ({ ...lessons.lessonToApi(l) })),
		editable,
		fromTemplate: {
			lessons: Array.isArray(material[templates.LESSONS_KEY]) ? (material[templates.LESSONS_KEY] as TemplateLesson[]) : [],
			criteria: model.success ? model.data.criteria : []
		},
		templates: editable && owned && can(actor, 'write', { resource: 'organisation_templates', organisationId: actor.organisationId }) ? { parts: templates.templatePartKeys() } : null
	};
};

type LessonField = 'phase' | 'worked' | 'didNotWork' | 'recommendation';

function readLesson(form: FormData) {
	const values = { phase: field(form, 'phase'), worked: field(form, 'worked'), didNotWork: field(form, 'didNotWork'), recommendation: field(form, 'recommendation') };
	const parsed = lessonSchema.safeParse(values);
	if (parsed.success) return { values, input: parsed.data, errors: null };
	const errors: Partial<Record<LessonField | 'form', string>> = {};
	for (const issue of parsed.error.issues) {
		const key = (issue.path[0] as LessonField | undefined) ?? 'form';
		const code = (issue as { params?: { code?: string } }).params?.code;
		errors[key] ??= code === 'lesson_empty' ? 'lesson_empty' : issue.code === 'too_big' ? 'too_long' : 'invalid';
	}
	return { values, input: null, errors };
}

async function lessonOf(event: Parameters<Actions[string]>[0], form: FormData) {
	const { actor, scope } = await pageAuthorize(event, 'lessons', 'write');
	const lesson = await lessons.loadLesson(event.locals.app.db, field(form, 'lessonId'));
	return { actor, lesson: lesson && lesson.initiativeId === scope.initiativeId ? lesson : null };
}

export const actions: Actions = {
	create: async (event) => {
		const { actor, scope } = await pageAuthorize(event, 'lessons', 'write');
		const { values, input, errors } = readLesson(await event.request.formData());
		if (!input) return fail(400, { create: { values, errors } });
		await lessons.createLesson(event.locals.app, actor, scope.initiativeId, input);
		return { created: true };
	},

	update: async (event) => {
		const form = await event.request.formData();
		const { actor, lesson } = await lessonOf(event, form);
		if (!lesson) return fail(404, { update: { lessonId: field(form, 'lessonId'), errors: { form: 'invalid' } as Record<string, string> } });
		const { input, errors } = readLesson(form);
		if (!input) return fail(400, { update: { lessonId: lesson.id, errors: errors as Record<string, string> } });
		await lessons.updateLesson(event.locals.app, actor, lesson, input);
		return { updated: lesson.id };
	},

	delete: async (event) => {
		const form = await event.request.formData();
		const { actor, lesson } = await lessonOf(event, form);
		if (lesson) await lessons.deleteLesson(event.locals.app, actor, lesson);
		return { deleted: true };
	},

	/** Saves the initiative's method as an organisation template (the same command as the API). */
	template: async (event) => {
		const { actor, scope } = await pageAuthorize(event, 'lessons', 'write');
		const form = await event.request.formData();
		const title = field(form, 'title').trim();
		const parts = form.getAll('parts').filter((p): p is string => typeof p === 'string');
		const parsed = createTemplateSchema.safeParse({ fromInitiativeId: scope.initiativeId, parts, ...(title ? { title } : {}) });
		if (!parsed.success) return fail(400, { template: { error: title.length > 200 ? 'too_long' : 'invalid', title } });
		try {
			const created = await templates.createTemplate(event.locals.app, actor, actor.organisationId, parsed.data);
			return { templateSaved: created.title };
		} catch (err) {
			if (err instanceof ApiError && err.status < 500) return fail(400, { template: { error: 'invalid', title } });
			throw err;
		}
	}
};
