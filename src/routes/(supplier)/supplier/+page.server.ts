import { redirect } from '@sveltejs/kit';
import * as rfi from '#lib/server/rfi/index.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { pilotsOfOrganisation } from '#lib/server/pilots/index.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import type { PageServerLoad } from './$types';

/** The supplier's start page: RFI rounds and tender rounds open to its organisation (deadlines, drafts, receipts) and its own sprint rooms. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	if (actor.organisationKind !== 'supplier') return { supplier: false as const, rounds: [], tenders: [], sprintRooms: [], pilots: [] };
	const now = locals.app.clock.now();
	const receipts = await tenders.receiptsOf(locals.app.db, actor.organisationId);
	const rounds = (await tenders.listForActor(locals.app.db, actor, now)).map((t) => ({
		id: t.id,
		title: t.title,
		buyer: t.buyer,
		status: t.status,
		deadline: t.deadline,
		submittedAt: receipts.get(t.id) ?? null
	}));
	return {
		supplier: true as const,
		rounds: await rfi.listForActor(locals.app.db, actor, now),
		tenders: rounds,
		sprintRooms: await sprints.roomsOfOrganisation(locals.app.db, actor.organisationId),
		// The pilots its organisation runs (issue 16): each supplier sees its own only.
		pilots: await pilotsOfOrganisation(locals.app.db, actor.organisationId),
		now: now.toISOString()
	};
};
