import { can } from '#lib/server/access/policy.ts';
import { resolveDoc } from '#lib/server/access/docs.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { PageServerLoad } from './$types';

/**
 * The brief itself is live (loaded over the socket); this load adds who has written in it,
 * from the server's authorship ledger — for the buyer team only, as the policy says, and only the
 * people the reader may know (rule 3).
 */
export const load: PageServerLoad = async ({ parent, locals, depends }) => {
	// The page reloads the list (only this load) a few seconds after the text changed.
	depends('brief:contributors');
	const { docs } = await parent();
	const { db } = locals.app;
	const resolved = await resolveDoc(db, locals.actor, docs.brief);
	const allowed =
		resolved !== null &&
		'initiative' in resolved.target &&
		can(locals.actor, 'read', { resource: 'contributors', initiative: resolved.target.initiative });
	if (!allowed) return { contributors: null };

	const rows = await initiatives.contributors(db, resolved.doc.name, locals.actor);
	return {
		contributors: rows
			.sort((a, b) => b.lastAt.localeCompare(a.lastAt))
			.slice(0, 50)
			.map((r) => ({ userId: r.user.id, name: r.user.name, organisation: r.organisation.name, updates: r.updates, lastAt: r.lastAt }))
	};
};
