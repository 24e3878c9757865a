import { redirect } from '@sveltejs/kit';
import * as rfi from '#lib/server/rfi/index.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import type { PageServerLoad } from './$types';

/** The supplier's start page: rounds open to its organisation, deadlines and what is still a draft, and its own sprint rooms. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	if (actor.organisationKind !== 'supplier') return { supplier: false as const, rounds: [], sprintRooms: [] };
	return {
		supplier: true as const,
		rounds: await rfi.listForActor(locals.app.db, actor, locals.app.clock.now()),
		sprintRooms: await sprints.roomsOfOrganisation(locals.app.db, actor.organisationId)
	};
};
