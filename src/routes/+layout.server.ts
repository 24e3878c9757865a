import type { LayoutServerLoad } from './$types';
import * as notifications from '#lib/server/notifications/index.ts';

/** What every page needs: who is signed in (display data only) and whether this is a demo. */
export const load: LayoutServerLoad = async ({ locals }) => {
	const a = locals.actor;
	return {
		locale: locals.locale,
		demo: locals.app.config.demo,
		user:
			a.kind === 'user'
				? { id: a.userId, name: a.name, platformAdmin: a.platformAdmin, orgAdmin: a.orgAdmin, organisationKind: a.organisationKind }
				: null,
		/** Unread notifications for the bell in the header. */
		unread: a.kind === 'user' ? await notifications.unreadCount(locals.app.db, a.userId) : 0,
		guest: a.kind === 'guest' ? { name: a.name, workshopId: a.workshopId } : null,
		/** For the inactivity warning (WCAG 2.2.1): the idle window and the absolute end. */
		session: locals.session
			? { idleMs: locals.app.config.SESSION_IDLE_MINUTES * 60_000, absoluteEndsAt: locals.session.createdAt.getTime() + locals.app.config.SESSION_ABSOLUTE_HOURS * 3_600_000 }
			: null
	};
};
