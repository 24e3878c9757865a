import { error, fail, redirect } from '@sveltejs/kit';
import { authorizeInitiative } from '#lib/server/initiatives/access.ts';
import { ApiError } from '#lib/server/http/api.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import { listNeeds } from '#lib/server/needs/index.ts';
import { createFromForm, decisionMakerChoices, fieldErrors, supplierChoices } from '#lib/server/pilots/pages.ts';
import { createPilotSchema } from '#lib/server/pilots/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { abilities } = await parent();
	if (!abilities.readPilots || locals.actor.kind !== 'user') error(404, 'Finns inte.');
	const [list, comparison] = await Promise.all([pilots.listPilots(locals.app.db, params.id), pilots.parallelComparison(locals.app.db, params.id, locals.actor)]);
	const choices = abilities.runPilots
		? await Promise.all([supplierChoices(locals.app.db), listNeeds(locals.app.db, params.id), decisionMakerChoices(locals.app.db, params.id)])
		: null;
	return {
		pilots: list,
		comparison,
		choices: choices && { suppliers: choices[0], needs: choices[1].map((n) => ({ id: n.id, title: n.title })), decisionMakers: choices[2] }
	};
};

export const actions: Actions = {
	create: async ({ locals, params, request }) => {
		let auth;
		try {
			auth = await authorizeInitiative(locals, params.id, 'pilots', 'admin');
		} catch (err) {
			if (err instanceof ApiError) error(err.status, err.message);
			throw err;
		}
		const form = await request.formData();
		const raw = createFromForm(form);
		const values = { ...raw, valueSek: String(form.get('valueSek') ?? '') };
		const parsed = createPilotSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error.issues) });
		try {
			const created = await pilots.createPilot(locals.app, auth.actor, auth.scope.initiativeId, parsed.data);
			redirect(303, `/initiatives/${params.id}/pilots/${created.id}?created=1`);
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { values, errors: { [err.code === 'reason_required' ? 'directAwardReason' : 'form']: err.message } });
			throw err;
		}
	}
};
