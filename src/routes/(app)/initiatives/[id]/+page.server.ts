import { fail } from '@sveltejs/kit';
import { PHASES, type Phase } from '#lib/server/db/schema/index.ts';
import { ApiError } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import { field, pageAuthorize } from '#lib/server/initiatives/pages.ts';
import type { Actions, PageServerLoad } from './$types';

/** Overview: the layout has the initiative; this adds who takes part. */
export const load: PageServerLoad = async (event) => {
	const { actor, scope } = await pageAuthorize(event, 'members', 'read');
	const members = await initiatives.listMembers(event.locals.app.db, scope.initiativeId, actor);
	return {
		members: members.map((m) => ({ id: m.user.id, name: m.user.name, organisation: m.organisation.name, role: m.role, label: m.label })),
		/** Buyer organisations invited to co-own the initiative that have not answered yet. */
		pendingOwners: await initiatives.pendingForInitiative(event.locals.app.db, scope.initiativeId)
	};
};

type DetailsField = 'title' | 'description' | 'estimatedValueSek';

export const actions: Actions = {
	/** Title, description and estimated value (process leaders). */
	details: async (event) => {
		const { actor, scope } = await pageAuthorize(event, 'initiative', 'admin');
		const form = await event.request.formData();
		const values = { title: field(form, 'title'), description: field(form, 'description'), estimatedValueSek: field(form, 'estimatedValueSek') };
		const errors: Partial<Record<DetailsField, string>> = {};
		const title = values.title.trim();
		if (!title) errors.title = 'title_required';
		else if (title.length > 200) errors.title = 'title_too_long';
		if (values.description.trim().length > 20_000) errors.description = 'description_too_long';
		const value = initiatives.parseSekInput(values.estimatedValueSek);
		if (value !== null && (Number.isNaN(value) || value > initiatives.MAX_VALUE_SEK)) errors.estimatedValueSek = 'value_invalid';
		if (Object.keys(errors).length) return fail(400, { details: { values, errors } });
		await initiatives.updateInitiative(event.locals.app, actor, scope.initiativeId, {
			title,
			description: values.description.trim(),
			estimatedValueSek: value
		});
		return { details: { saved: true } };
	},

	/** Moves the initiative to another phase (process leaders). */
	phase: async (event) => {
		const { actor, scope } = await pageAuthorize(event, 'initiative', 'admin');
		const form = await event.request.formData();
		const phase = field(form, 'phase');
		if (!(PHASES as readonly string[]).includes(phase)) return fail(400, { phase: { error: 'phase_invalid' } });
		await initiatives.updateInitiative(event.locals.app, actor, scope.initiativeId, { phase: phase as Phase });
		return { phase: { saved: phase } };
	},

	/** Invites a neighbouring buyer organisation to co-own the initiative (process leaders); it owns once it accepts. */
	organisation: async (event) => {
		const { actor, scope } = await pageAuthorize(event, 'initiative', 'admin');
		const form = await event.request.formData();
		const orgNumber = field(form, 'orgNumber').trim();
		if (!orgNumber) return fail(400, { organisation: { orgNumber, error: 'org_number_required' } });
		try {
			const origin = event.locals.app.config.ORIGIN ?? event.url.origin;
			const invitation = await initiatives.inviteOrganisation(event.locals.app, actor, scope.initiativeId, orgNumber, origin);
			return { organisation: { invited: invitation.organisation.name } };
		} catch (err) {
			if (err instanceof ApiError && err.status < 500) return fail(400, { organisation: { orgNumber, error: err.code } });
			throw err;
		}
	}
};
