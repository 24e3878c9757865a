import { error } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import type { PageServerLoad } from './$types';

/** Results of a workshop: groups ranked by votes, the chart, every card. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = await workshops.workshopContext(locals.app.db, locals.actor, params.workshopId);
	if (!ctx || ctx.workshop.initiativeId !== params.id || !can(locals.actor, 'read', ctx.target)) error(404, 'Finns inte.');
	const r = await workshops.results(locals.app, ctx.workshop, { team: workshops.isTeam(locals.actor, ctx), viewer: locals.actor });
	return { results: r, ranked: workshops.rankGroups(r), generatedAt: new Date().toISOString() };
};
