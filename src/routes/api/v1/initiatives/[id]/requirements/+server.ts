import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import { readDraft, requirementsDocName } from '#lib/server/requirements/draft.ts';
import type { RequestHandler } from './$types';

/** The live draft as JSON (buyer team and observers; never suppliers outside the team or guests). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { scope } = await authorizeIn(locals.app.db, locals.actor, params.id, 'requirements', 'read');
	const draft = await readDraft(locals.app, scope.initiativeId);
	return json({ docName: requirementsDocName(scope.initiativeId), sections: draft.sections, requirements: draft.requirements });
});
