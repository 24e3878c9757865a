import { error, fail, redirect } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { attempt } from '#lib/server/sprints/pages.ts';
import { templateSchema } from '#lib/server/sprints/validation.ts';
import type { Actions, PageServerLoad } from './$types';

/** Rows of days the form offers; empty days are left out of the schedule. */
const DAYS = 7;

/** The sprint templates of a contracting authority: the built-in ones and its own (administrators add). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	if (actor.organisationKind !== 'buyer') error(404, 'Finns inte.');
	const templates = await sprints.templatesFor(locals.app.db, actor.organisationId);
	return {
		templates,
		days: DAYS,
		mayAdd: can(actor, 'admin', { resource: 'organisation', organisationId: actor.organisationId })
	};
};

export const actions: Actions = {
	add: async ({ locals, request }) => {
		const actor = locals.actor;
		if (actor.kind !== 'user' || actor.organisationKind !== 'buyer') error(404, 'Finns inte.');
		if (!can(actor, 'admin', { resource: 'organisation', organisationId: actor.organisationId })) error(403, 'Du har inte behörighet till detta.');
		const form = await request.formData();
		const name = String(form.get('name') ?? '');
		const schedule = Array.from({ length: DAYS }, (_, i) => form.getAll(`day${i + 1}`).map(String))
			.filter((stages) => stages.length > 0)
			.map((stages, i) => ({ day: i + 1, stages }));
		const parsed = templateSchema.safeParse({ name, schedule });
		if (!parsed.success) return fail(400, { name, error: parsed.error.issues[0].message });
		const result = await attempt(() => sprints.createTemplate(locals.app, actor, parsed.data), { name });
		if (!result.ok) return result.failure;
		return { done: true };
	}
};
