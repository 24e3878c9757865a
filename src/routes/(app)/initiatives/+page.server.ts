import { fail, redirect } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import { field } from '#lib/server/initiatives/pages.ts';
import { ApiError } from '#lib/server/http/api.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import * as templates from '#lib/server/templates/index.ts';
import type { Actions, PageServerLoad } from './$types';

/** The signed-in user's initiatives, and whether they may start one (buyer organisations only). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	const list = await initiatives.listForUser(locals.app.db, actor.userId);
	const canCreate = can(actor, 'write', { resource: 'initiatives' });
	const orgTemplates =
		canCreate && can(actor, 'read', { resource: 'organisation_templates', organisationId: actor.organisationId })
			? (await templates.listTemplates(locals.app.db, actor.organisationId)).map((t) => ({ id: t.id, title: t.title }))
			: [];
	const chosen = url.searchParams.get('template');
	return {
		initiatives: list.map((i) => ({ ...i, updatedAt: i.updatedAt.toISOString() })),
		canCreate,
		templates: orgTemplates,
		/** `?template=<id>` from the templates page opens the form with that template chosen. */
		chosenTemplate: orgTemplates.some((t) => t.id === chosen) ? chosen : null,
		isSupplier: actor.organisationKind === 'supplier'
	};
};

type Field = 'title' | 'description' | 'estimatedValueSek' | 'templateId';

export const actions: Actions = {
	/** Starts an initiative; the creator becomes process leader and lands on its overview. */
	create: async ({ locals, request, url }) => {
		const actor = locals.actor;
		if (actor.kind !== 'user') redirect(303, loginUrl(url));
		if (!can(actor, 'write', { resource: 'initiatives' })) return fail(403, { create: { values: { title: '', description: '', estimatedValueSek: '', templateId: '' }, errors: { form: 'forbidden' } as Partial<Record<Field | 'form', string>> } });
		const form = await request.formData();
		const values = { title: field(form, 'title'), description: field(form, 'description'), estimatedValueSek: field(form, 'estimatedValueSek'), templateId: field(form, 'templateId') };
		const errors: Partial<Record<Field | 'form', string>> = {};
		const title = values.title.trim();
		if (!title) errors.title = 'title_required';
		else if (title.length > 200) errors.title = 'title_too_long';
		if (values.description.trim().length > 20_000) errors.description = 'description_too_long';
		const value = initiatives.parseSekInput(values.estimatedValueSek);
		if (value !== null && (Number.isNaN(value) || value > initiatives.MAX_VALUE_SEK)) errors.estimatedValueSek = 'value_invalid';
		if (values.templateId && !isUuid(values.templateId)) errors.templateId = 'template_not_found';
		if (Object.keys(errors).length) return fail(400, { create: { values, errors } });
		let created;
		try {
			created = await initiatives.createInitiative(locals.app, actor, {
				title,
				description: values.description.trim(),
				estimatedValueSek: value,
				...(values.templateId ? { templateId: values.templateId } : {})
			});
		} catch (err) {
			if (err instanceof ApiError && err.code === 'template_not_found') return fail(400, { create: { values, errors: { templateId: 'template_not_found' } as Partial<Record<Field | 'form', string>> } });
			throw err;
		}
		redirect(303, `/initiatives/${created.id}`);
	}
};
