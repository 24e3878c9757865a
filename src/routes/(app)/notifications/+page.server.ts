import { fail, redirect } from '@sveltejs/kit';
import * as notifications from '#lib/server/notifications/index.ts';
import { can } from '#lib/server/access/policy.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function signedIn(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const { actor } = event.locals;
	if (actor.kind !== 'user' || !can(actor, 'read', { resource: 'notifications' })) redirect(303, loginUrl(event.url));
	return actor;
}

export const load: PageServerLoad = async (event) => {
	const actor = signedIn(event);
	return { items: await notifications.list(event.locals.app.db, actor.userId, event.locals.locale, 200) };
};

export const actions: Actions = {
	read: async (event) => {
		const actor = signedIn(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!(await notifications.markRead(event.locals.app.db, actor.userId, id))) return fail(404, { missing: true });
		return { readId: id };
	},
	readAll: async (event) => {
		const actor = signedIn(event);
		await notifications.markAllRead(event.locals.app.db, actor.userId);
		return { allRead: true };
	}
};
