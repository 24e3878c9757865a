import { error, fail, redirect } from '@sveltejs/kit';
import { initiativeScope } from '#lib/server/access/scope.ts';
import { can } from '#lib/server/access/policy.ts';
import { listNeeds } from '#lib/server/needs/index.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { attempt, lines, optional } from '#lib/server/sprints/pages.ts';
import { createSprintSchema } from '#lib/server/sprints/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { abilities } = await parent();
	if (!abilities.readSprints || locals.actor.kind !== 'user') error(404, 'Finns inte.');
	const actor = locals.actor;
	const [list, templates, needs] = await Promise.all([
		sprints.listSprints(locals.app.db, params.id),
		abilities.runSprints ? sprints.templatesFor(locals.app.db, actor.organisationId) : Promise.resolve([]),
		abilities.runSprints ? listNeeds(locals.app.db, params.id) : Promise.resolve([])
	]);
	return {
		sprints: list,
		templates: templates.map((t) => ({ id: t.id, name: t.name, days: t.schedule.length })),
		needs: needs.map((n) => ({ id: n.id, title: n.title }))
	};
};

export const actions: Actions = {
	create: async ({ locals, params, request }) => {
		const scope = await initiativeScope(locals.app.db, locals.actor, params.id);
		if (!scope || !can(locals.actor, 'read', { resource: 'sprints', initiative: scope })) error(404, 'Finns inte.');
		if (locals.actor.kind !== 'user' || !can(locals.actor, 'admin', { resource: 'sprints', initiative: scope })) error(403, 'Du har inte behörighet till detta.');
		const form = await request.formData();
		const values = { title: String(form.get('title') ?? ''), template: String(form.get('template') ?? ''), goal: String(form.get('goal') ?? ''), questions: String(form.get('questions') ?? '') };
		const parsed = createSprintSchema.safeParse({
			title: values.title,
			template: values.template,
			goal: values.goal,
			questions: lines(form.get('questions')),
			needIds: form.getAll('needIds').map(String),
			...(optional(form.get('requirementsVersion')) ? { requirementsVersion: Number(form.get('requirementsVersion')) } : {})
		});
		if (!parsed.success) return fail(400, { values, error: parsed.error.issues.map((i) => i.message).join(' ') });
		const actor = locals.actor;
		const result = await attempt(() => sprints.createSprint(locals.app, actor, scope.initiativeId, parsed.data), { values });
		if (!result.ok) return result.failure;
		redirect(303, `/initiatives/${params.id}/sprints/${result.value.id}`);
	}
};
