import { error, fail, redirect } from '@sveltejs/kit';
import { initiativeScope } from '#lib/server/access/scope.ts';
import { can } from '#lib/server/access/policy.ts';
import { ApiError } from '#lib/server/http/api.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { createWorkshopSchema } from '#lib/server/workshops/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { abilities } = await parent();
	if (!abilities.readWorkshops) error(404, 'Finns inte.');
	const list = await workshops.listWorkshops(locals.app.db, params.id);
	return {
		workshops: list.map((w) => ({
			id: w.id,
			title: w.title,
			question: w.question,
			phase: w.phase,
			anonymous: w.anonymous,
			silent: w.silent,
			createdAt: w.createdAt.toISOString()
		}))
	};
};

export const actions: Actions = {
	create: async ({ locals, params, request }) => {
		const scope = await initiativeScope(locals.app.db, locals.actor, params.id);
		if (!scope || !can(locals.actor, 'read', { resource: 'workshops', initiative: scope })) error(404, 'Finns inte.');
		if (locals.actor.kind !== 'user' || !can(locals.actor, 'admin', { resource: 'workshops', initiative: scope })) error(403, 'Du har inte behörighet till detta.');
		const form = await request.formData();
		const values = {
			title: String(form.get('title') ?? ''),
			question: String(form.get('question') ?? ''),
			votesPerParticipant: String(form.get('votesPerParticipant') ?? '5'),
			anonymous: form.get('anonymous') === 'on',
			silent: form.get('silent') === 'on'
		};
		const votes = Number(values.votesPerParticipant);
		const parsed = createWorkshopSchema.safeParse({ ...values, votesPerParticipant: Number.isInteger(votes) ? votes : undefined });
		const errors: Record<string, string> = {};
		if (!Number.isInteger(votes)) errors.votesPerParticipant = 'Ange antalet röster som ett heltal mellan 1 och 50.';
		if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
		if (!parsed.success || Object.keys(errors).length) return fail(400, { values, errors });
		let id: string;
		try {
			id = (await workshops.createWorkshop(locals.app, locals.actor, params.id, parsed.data)).id;
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { values, errors: { form: err.message } as Record<string, string> });
			throw err;
		}
		redirect(303, `/initiatives/${params.id}/workshops/${id}`);
	}
};
