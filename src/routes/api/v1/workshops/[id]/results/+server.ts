import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import { csvResponse } from '#lib/server/csv/index.ts';
import { can } from '#lib/server/access/policy.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { authorizedWorkshop } from '#lib/server/workshops/http.ts';
import type { RequestHandler } from './$types';

/**
 * Groups, cards and votes. `?format=csv` downloads the same as CSV. Authors are included only for
 * the team, and never in an anonymous workshop; votes for others once the tally is shown or the workshop closed.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const id = params.id ?? '';
	const ctx = await authorizedWorkshop(locals, id, 'read');
	const r = await workshops.results(locals.app, ctx.workshop, { team: workshops.isTeam(locals.actor, ctx), viewer: locals.actor });
	if (url.searchParams.get('format') === 'csv') {
		const slug = ctx.workshop.title.toLowerCase().replace(/[^a-z0-9åäö]+/g, '-').replace(/^-|-$/g, '') || 'workshop';
		return csvResponse(workshops.resultsCsv(r), `resultat-${slug}.csv`);
	}
	return json(r);
});
