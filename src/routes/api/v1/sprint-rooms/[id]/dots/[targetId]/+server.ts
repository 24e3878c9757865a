import { json } from '@sveltejs/kit';
import { ApiError, endpoint } from '#lib/server/http/api.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import { authorizeRoom } from '#lib/server/sprints/access.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import type { RequestHandler } from './$types';

/** Takes back one of the caller's dots on a sketch: `?kind=heat` (default) or `poll`. */
export const DELETE: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const ctx = await authorizeRoom(locals, params.id, 'sprint_room', 'write');
	const kind = url.searchParams.get('kind') ?? 'heat';
	if (kind !== 'heat' && kind !== 'poll') throw new ApiError(400, 'invalid_request', 'kind: heat eller poll.');
	const targetId = params.targetId ?? '';
	if (!isUuid(targetId)) throw new ApiError(404, 'no_vote', 'Du har ingen prick där att ta bort.');
	return json(await live.retractDot(locals.app, ctx, kind, targetId));
});
