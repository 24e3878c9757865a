import { json } from '@sveltejs/kit';
import { authorize, endpoint, requireUser } from '#lib/server/http/api.ts';
import * as notifications from '#lib/server/notifications/index.ts';
import type { RequestHandler } from './$types';

/** The caller's notifications, newest first, with the unread count. */
export const GET: RequestHandler = endpoint(async ({ locals, url }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'read', { resource: 'notifications' });
	const lang = url.searchParams.get('lang') === 'en' ? 'en' : url.searchParams.get('lang') === 'sv' ? 'sv' : locals.locale;
	const [items, unread] = await Promise.all([
		notifications.list(locals.app.db, actor.userId, lang),
		notifications.unreadCount(locals.app.db, actor.userId)
	]);
	return json({ unread, items });
});
