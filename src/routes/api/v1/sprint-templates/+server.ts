import { json } from '@sveltejs/kit';
import { authorize, endpoint, readJson, requireUser, unauthenticated } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { templateSchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/** The sprint templates the caller's organisation may use: the built-in ones, then its own. */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	if (locals.actor.kind === 'anonymous') throw unauthenticated();
	const actor = requireUser(locals.actor);
	authorize(actor, 'write', { resource: 'initiatives' });
	return json(await sprints.templatesFor(locals.app.db, actor.organisationId));
});

/** Adds a template to the caller's organisation (organisation administrators of contracting authorities). */
export const POST: RequestHandler = endpoint(async ({ locals, request }) => {
	if (locals.actor.kind === 'anonymous') throw unauthenticated();
	const actor = requireUser(locals.actor);
	authorize(actor, 'write', { resource: 'initiatives' });
	authorize(actor, 'admin', { resource: 'organisation', organisationId: actor.organisationId });
	const input = await readJson(request, templateSchema);
	return json(await sprints.createTemplate(locals.app, actor, input), { status: 201 });
});
