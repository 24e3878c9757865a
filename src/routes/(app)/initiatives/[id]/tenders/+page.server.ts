import { error, fail, redirect } from '@sveltejs/kit';
import { initiativeScope } from '#lib/server/access/scope.ts';
import { can } from '#lib/server/access/policy.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { attempt, linkChoices } from '#lib/server/rfi/pages.ts';
import { fieldOfCode, openerChoices, tenderFieldErrors, tenderInput } from '#lib/server/tenders/pages.ts';
import { createTenderSchema } from '#lib/server/tenders/validation.ts';
import type { Actions, PageServerLoad } from './$types';

/** The initiative's tender rounds; never a count of tenders before a round is opened. */
export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { abilities } = await parent();
	if (!abilities.readTenders || locals.actor.kind !== 'user' || locals.actor.organisationKind !== 'buyer') error(404, 'Finns inte.');
	const actor = locals.actor;
	const scope = await initiativeScope(locals.app.db, actor, params.id);
	const rounds = await tenders.listForActor(locals.app.db, actor, locals.app.clock.now(), { initiativeId: params.id });
	const counts = await tenders.openedTenderCounts(locals.app.db, rounds);
	const [links, openers] = abilities.runTenders && scope
		? await Promise.all([linkChoices(locals.app.db, actor, scope), openerChoices(locals.app.db, params.id, actor)])
		: [{ needs: [], versions: [] }, []];
	return {
		rounds: rounds.map((r) => ({ id: r.id, title: r.title, status: r.status, open: r.open, deadline: r.deadline, criteria: r.criteria.length, tenders: r.openedAt ? (counts.get(r.id) ?? 0) : null })),
		versions: links.versions,
		openers
	};
};

export const actions: Actions = {
	create: async ({ locals, params, request }) => {
		const scope = await initiativeScope(locals.app.db, locals.actor, params.id);
		if (!scope || !can(locals.actor, 'read', { resource: 'tenders', initiative: scope })) error(404, 'Finns inte.');
		if (locals.actor.kind !== 'user' || locals.actor.organisationKind !== 'buyer' || !can(locals.actor, 'admin', { resource: 'tenders', initiative: scope })) {
			error(403, 'Du har inte behörighet till detta.');
		}
		const { body, values } = tenderInput(await request.formData());
		const parsed = createTenderSchema.safeParse(body);
		if (!parsed.success) return fail(400, { values, errors: tenderFieldErrors(parsed.error.issues) });
		const actor = locals.actor;
		const result = await attempt(() => tenders.createTender(locals.app, actor, scope.initiativeId, parsed.data), { values });
		if (!result.ok) {
			const data = result.failure.data as { error: string; code: string };
			return fail(result.failure.status, { values, errors: { [fieldOfCode(data.code)]: data.error } });
		}
		redirect(303, `/initiatives/${params.id}/tenders/${result.value.id}`);
	}
};
