import { redirect } from '@sveltejs/kit';
import * as accounts from '#lib/server/auth/accounts.ts';
import { clearSessionCookie } from '#lib/server/auth/web.ts';
import type { Actions, PageServerLoad } from './$types';

/** Signing out is a POST (the layout's button); a plain visit just goes home. */
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.session) await accounts.logout(locals.app, locals.session);
		clearSessionCookie(cookies, locals.app);
		redirect(303, '/login?signedOut');
	}
};
