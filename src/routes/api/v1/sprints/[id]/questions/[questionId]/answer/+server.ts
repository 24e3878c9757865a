import { json } from '@sveltejs/kit';
import { endpoint, notFound, readJson } from '#lib/server/http/api.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { answerSchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/**
 * Answers a question: to every room at once without the asker, or with `specificReason` to the
 * asking room only (process leader).
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await sprints.authorizeSprint(locals, params.id, 'sprint', 'admin');
	if (!isUuid(params.questionId ?? '')) throw notFound();
	const input = await readJson(request, answerSchema);
	return json(await sprints.answerQuestion(locals.app, ctx.actor, ctx, (params.questionId ?? '').toLowerCase(), input));
});
