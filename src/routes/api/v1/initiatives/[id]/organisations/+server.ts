import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/** Adds another buyer organisation as co-owner, by organisation number (process leaders). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, scope } = await initiatives.authorizeInitiative(locals, params.id, 'initiative', 'admin');
	const { orgNumber } = await readJson(request, initiatives.addOrganisationSchema);
	const org = await initiatives.addOrganisation(locals.app, actor, scope.initiativeId, orgNumber);
	return json(org, { status: 201 });
});
