import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import { handoverSchema } from '#lib/server/reports/validation.ts';
import type { RequestHandler } from './$types';

/**
 * Hands the caller's process-leader role to a colleague on the initiative (process leaders);
 * the caller stays on as team member or observer. Journalled as `member.process_leader_handed_over`.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, scope } = await initiatives.authorizeInitiative(locals, params.id, 'members', 'admin');
	const input = await readJson(request, handoverSchema);
	await initiatives.handOverProcessLeader(locals.app, actor, scope.initiativeId, input);
	return json({ processLeader: input.toUserId, you: input.stayAs });
});

export const fallback = methodNotAllowed('POST');
