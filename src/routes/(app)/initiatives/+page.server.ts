import { fail, redirect } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import { field } from '#lib/server/initiatives/pages.ts';
import type { Actions, PageServerLoad } from './$types';

/** The signed-in user's initiatives, and whether they may start one (buyer organisations only). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	const list = await initiatives.listForUser(locals.app.db, actor.userId);
	return {
		initiatives: list.map((i) => ({ ...i, updatedAt: i.updatedAt.toISOString() })),
		canCreate: can(actor, 'write', { resource: 'initiatives' }),
		isSupplier: actor.organisationKind === 'supplier'
	};
};

type Field = 'title' | 'description' | 'estimatedValueSek';

export const actions: Actions = {
	/** Starts an initiative; the creator becomes process leader and lands on its overview. */
	create: async ({ locals, request, url }) => {
		const actor = locals.actor;
		if (actor.kind !== 'user') redirect(303, loginUrl(url));
		if (!can(actor, 'write', { resource: 'initiatives' })) return fail(403, { create: { values: { title: '', description: '', estimatedValueSek: '' }, errors: { form: 'forbidden' } as Partial<Record<Field | 'form', string>> } });
		const form = await request.formData();
		const values = { title: field(form, 'title'), description: field(form, 'description'), estimatedValueSek: field(form, 'estimatedValueSek') };
		const errors: Partial<Record<Field | 'form', string>> = {};
		const title = values.title.trim();
		if (!title) errors.title = 'title_required';
		else if (title.length > 200) errors.title = 'title_too_long';
		if (values.description.trim().length > 20_000) errors.description = 'description_too_long';
		const value = initiatives.parseSekInput(values.estimatedValueSek);
		if (value !== null && (Number.isNaN(value) || value > initiatives.MAX_VALUE_SEK)) errors.estimatedValueSek = 'value_invalid';
		if (Object.keys(errors).length) return fail(400, { create: { values, errors } });
		const created = await initiatives.createInitiative(locals.app, actor, {
			title,
			description: values.description.trim(),
			estimatedValueSek: value
		});
		redirect(303, `/initiatives/${created.id}`);
	}
};
