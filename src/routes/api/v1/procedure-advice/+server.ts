import { json } from '@sveltejs/kit';
import { endpoint, readJson, requireUser } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import * as advisor from '#lib/server/advisor/index.ts';
import { AdviceBody } from '#lib/server/advisor/validation.ts';
import type { RequestHandler } from './$types';

/**
 * Procedure advice for a planned purchase. Same-kind purchases this year are those the caller's
 * organisation owns by consent (a pending co-owner invitation counts for nothing); only those the
 * caller is a member of are named. With `initiativeId` (which the caller must be able to see)
 * that initiative is not counted twice.
 */
export const POST: RequestHandler = endpoint(async ({ locals, request }) => {
	const actor = requireUser(locals.actor);
	const body = await readJson(request, AdviceBody);
	let initiativeId: string | undefined;
	if (body.initiativeId !== undefined) {
		const { scope } = await authorizeIn(locals.app.db, actor, body.initiativeId, 'procedure', 'read');
		initiativeId = scope.initiativeId;
	}
	const { initiativeId: _ignored, ...input } = body;
	const advice = await advisor.adviceFor(locals.app.db, { input, organisationId: actor.organisationId, viewerUserId: actor.userId, initiativeId });
	return json(advice);
});
