import { error, fail, redirect } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { initiativeScope } from '#lib/server/access/scope.ts';
import { ApiError } from '#lib/server/http/api.ts';
import * as needs from '#lib/server/needs/index.ts';
import { readNeedForm, validateNeedForm, type NeedFormValues } from '#lib/server/needs/form.ts';
import { sourceOptions } from '#lib/server/needs/sources.ts';
import type { Actions, PageServerLoad } from './$types';

/** A new need; `?workshop=<id>&group=<id>` starts from a workshop group (title and sources filled in). */
export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const { abilities } = await parent();
	if (!abilities.readNeeds) error(404, 'Finns inte.');
	if (!abilities.editNeeds) error(403, 'Du har inte behörighet till detta.');
	const options = await sourceOptions(locals.app, params.id);
	const values: NeedFormValues = {
		title: '',
		statement: '',
		affected: '',
		currentSituation: '',
		baseline: '',
		desiredEffect: '',
		priority: 'medium',
		status: 'draft',
		movedTo: '',
		indicators: [],
		sources: [],
		version: null
	};
	const workshop = options.find((o) => o.workshopId === url.searchParams.get('workshop'));
	const group = workshop?.groups.find((g) => g.id === url.searchParams.get('group'));
	if (workshop && group) {
		values.title = group.title;
		values.sources = [`${workshop.workshopId}:group:${group.id}`, ...group.cards.map((c) => `${workshop.workshopId}:card:${c.id}`)];
	}
	return { values, options, fromGroup: group ? group.title : null };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const scope = await initiativeScope(locals.app.db, locals.actor, params.id);
		if (!scope || !can(locals.actor, 'read', { resource: 'needs', initiative: scope })) error(404, 'Finns inte.');
		if (locals.actor.kind !== 'user' || !can(locals.actor, 'write', { resource: 'needs', initiative: scope })) error(403, 'Du har inte behörighet till detta.');
		const values = readNeedForm(await request.formData());
		const checked = validateNeedForm(values);
		if (checked.errors) return fail(400, { values, errors: checked.errors });
		let id: string;
		try {
			id = (await needs.createNeed(locals.app, locals.actor, params.id, checked.input)).id;
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { values, errors: { [err.code === 'invalid_source' ? 'sources' : 'form']: err.message } as Record<string, string> });
			throw err;
		}
		redirect(303, `/initiatives/${params.id}/needs/${id}?created=1`);
	}
};
