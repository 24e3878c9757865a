import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import * as comments from '#lib/server/requirements/comments.ts';
import { CommentBody } from '#lib/server/requirements/validation.ts';
import { journalled } from '#lib/server/audit/command.ts';
import type { RequestHandler } from './$types';

/**
 * Comment threads on requirements (team; observers read). `?requirement=<uid>` narrows to one
 * thread. Authors a supplier may not name appear as "Teamet" (rule 3).
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const { actor, scope } = await authorizeIn(locals.app.db, locals.actor, params.id, 'requirements', 'read');
	const uid = url.searchParams.get('requirement') ?? undefined;
	return json({ comments: await comments.listComments(locals.app.db, actor, scope.initiativeId, uid) });
});

export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, scope } = await authorizeIn(locals.app.db, locals.actor, params.id, 'requirements', 'write');
	const body = await readJson(request, CommentBody);
	const id = await journalled(locals.app.db, async (tx, journal) => {
		const commentId = await comments.addComment(tx, { initiativeId: scope.initiativeId, requirementUid: body.requirementUid, authorId: actor.userId, body: body.body });
		await journal({
			initiativeId: scope.initiativeId,
			actor: { userId: actor.userId, label: actor.name },
			action: 'requirements.commented',
			data: { commentId, requirementUid: body.requirementUid }
		});
		return commentId;
	});
	return json({ id }, { status: 201 });
});
