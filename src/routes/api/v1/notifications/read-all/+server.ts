import { json } from '@sveltejs/kit';
import { authorize, endpoint, requireUser } from '#lib/server/http/api.ts';
import * as notifications from '#lib/server/notifications/index.ts';
import type { RequestHandler } from './$types';

/** Marks every notification of the caller read. */
export const POST: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'write', { resource: 'notifications' });
	await notifications.markAllRead(locals.app.db, actor.userId);
	return json({ unread: 0 });
});
