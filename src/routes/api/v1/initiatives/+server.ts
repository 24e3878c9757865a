import { json } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { endpoint, forbidden, readJson, requireUser } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { RequestHandler } from './$types';

/** The caller's initiatives. */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	const list = await initiatives.listForUser(locals.app.db, actor.userId);
	return json(list.map(({ id, title, phase, role, label }) => ({ id, title, phase, role, label })));
});

/** Creates an initiative; the creator becomes its process leader. Buyer organisations only. */
export const POST: RequestHandler = endpoint(async ({ locals, request }) => {
	const actor = requireUser(locals.actor);
	if (!can(actor, 'write', { resource: 'initiatives' })) throw forbidden();
	const input = await readJson(request, initiatives.createInitiativeSchema);
	const created = await initiatives.createInitiative(locals.app, actor, input);
	return json(created, { status: 201 });
});
