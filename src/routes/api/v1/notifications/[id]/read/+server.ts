import { json } from '@sveltejs/kit';
import { authorize, endpoint, notFound, requireUser } from '#lib/server/http/api.ts';
import * as notifications from '#lib/server/notifications/index.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import type { RequestHandler } from './$types';

/** Marks one of the caller's notifications read; another user's is 404. */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'write', { resource: 'notifications' });
	const id = params.id ?? '';
	if (!isUuid(id) || !(await notifications.markRead(locals.app.db, actor.userId, id))) throw notFound();
	return json({ unread: await notifications.unreadCount(locals.app.db, actor.userId) });
});
