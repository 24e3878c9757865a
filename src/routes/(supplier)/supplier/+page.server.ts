import { redirect } from '@sveltejs/kit';
import * as rfi from '#lib/server/rfi/index.ts';
import { pilotsOfOrganisation } from '#lib/server/pilots/index.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import type { PageServerLoad } from './$types';

/** The supplier's start page: rounds open to its organisation, deadlines and what is still a draft. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	if (actor.organisationKind !== 'supplier') return { supplier: false as const, rounds: [], pilots: [] };
	return {
		supplier: true as const,
		rounds: await rfi.listForActor(locals.app.db, actor, locals.app.clock.now()),
		// The pilots its organisation runs (issue 16): each supplier sees its own only.
		pilots: await pilotsOfOrganisation(locals.app.db, actor.organisationId)
	};
};
