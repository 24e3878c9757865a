import { can } from '#lib/server/access/policy.ts';
import { resolveDoc } from '#lib/server/access/docs.ts';
import { editorsOf, visibleEditors } from '#lib/server/exports/editors.ts';
import type { PageServerLoad } from './$types';

/**
 * The brief itself is live (loaded over the socket); this load adds who has written in it and
 * when, from the server's authorship ledger — for the buyer team only, as the policy says, and
 * only the people the reader may know (rule 3).
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

	// Who edited and when (one line per person, latest first) — never update counts, which count
	// network messages, not work. Rule 3: a supplier never learns of another supplier's people.
	const editors = visibleEditors(locals.actor, await editorsOf(db, resolved.doc.name));
	return {
		contributors: editors.slice(0, 50).map((e) => ({ userId: e.userId, name: e.name, organisation: e.organisation, lastAt: e.lastAt }))
	};
};
