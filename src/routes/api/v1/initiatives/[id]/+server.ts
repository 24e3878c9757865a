import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/**
 * One initiative with members, documents and the caller's abilities (members only; 404 for everyone
 * else). Members and organisations are those the caller may know (rule 3).
 */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { actor, scope } = await initiatives.authorizeInitiative(locals, params.id, 'initiative', 'read');
	const detail = await initiatives.getInitiative(locals.app.db, scope.initiativeId, actor);
	const members = await initiatives.listMembers(locals.app.db, scope.initiativeId, actor);
	return json({
		id: detail!.id,
		title: detail!.title,
		description: detail!.description,
		phase: detail!.phase,
		estimatedValueSek: detail!.estimatedValueSek,
		organisations: detail!.organisations,
		members: members.map((m) => ({ user: m.user, organisation: { id: m.organisation.id, name: m.organisation.name }, role: m.role, label: m.label })),
		docs: initiatives.docsOf(scope.initiativeId),
		abilities: initiatives.initiativeAbilities(actor, scope)
	});
});

/** Changes title, description, estimated value or phase (process leaders). */
export const PATCH: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, scope } = await initiatives.authorizeInitiative(locals, params.id, 'initiative', 'admin');
	const input = await readJson(request, initiatives.updateInitiativeSchema);
	await initiatives.updateInitiative(locals.app, actor, scope.initiativeId, input);
	const detail = await initiatives.getInitiative(locals.app.db, scope.initiativeId, actor);
	return json({
		id: detail!.id,
		title: detail!.title,
		description: detail!.description,
		phase: detail!.phase,
		estimatedValueSek: detail!.estimatedValueSek,
		organisations: detail!.organisations
	});
});
