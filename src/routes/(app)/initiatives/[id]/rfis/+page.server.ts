import { error, fail, redirect } from '@sveltejs/kit';
import { initiativeScope } from '#lib/server/access/scope.ts';
import { can } from '#lib/server/access/policy.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import { attempt, fieldErrors, linkChoices, roundInput } from '#lib/server/rfi/pages.ts';
import { createRfiSchema } from '#lib/server/rfi/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { abilities } = await parent();
	if (!abilities.readRfis) error(404, 'Finns inte.');
	if (locals.actor.kind !== 'user') error(404, 'Finns inte.');
	const scope = await initiativeScope(locals.app.db, locals.actor, params.id);
	const [rounds, links] = await Promise.all([
		rfi.listForActor(locals.app.db, locals.actor, locals.app.clock.now(), { initiativeId: params.id }),
		abilities.runRfis && scope ? linkChoices(locals.app.db, locals.actor, scope) : Promise.resolve({ needs: [], versions: [] })
	]);
	return { rounds, links };
};

export const actions: Actions = {
	create: async ({ locals, params, request }) => {
		const scope = await initiativeScope(locals.app.db, locals.actor, params.id);
		if (!scope || !can(locals.actor, 'read', { resource: 'rfis', initiative: scope })) error(404, 'Finns inte.');
		if (locals.actor.kind !== 'user' || !can(locals.actor, 'admin', { resource: 'rfis', initiative: scope })) error(403, 'Du har inte behörighet till detta.');
		const form = await request.formData();
		const raw = roundInput(form);
		const values = { ...raw, questionsDeadline: String(form.get('questionsDeadline') ?? ''), answersDeadline: String(form.get('answersDeadline') ?? '') };
		const parsed = createRfiSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error.issues) });
		const actor = locals.actor;
		const result = await attempt(() => rfi.createRfi(locals.app, actor, scope.initiativeId, parsed.data), { values });
		if (!result.ok) return result.failure;
		redirect(303, `/initiatives/${params.id}/rfis/${result.value.id}`);
	}
};
