import { error, fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { users } from '#lib/server/db/schema/index.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import { ApiError } from '#lib/server/http/api.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The page behind an invitation link. Whoever holds the link sees what it is for; only the
 * invited address, signed in, can accept it.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await initiatives.describeInvitation(locals.app.db, params.token);
	if (!view) error(404, 'Finns inte.');
	const actor = locals.actor;
	let signedInAs: string | null = null;
	if (actor.kind === 'user') {
		const [me] = await locals.app.db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId)).limit(1);
		signedInAs = me?.email ?? null;
	}
	const here = url.pathname;
	return {
		invitation: {
			status: view.status,
			initiativeTitle: view.initiativeTitle,
			email: view.email,
			role: view.role,
			label: view.label,
			inviterName: view.inviterName,
			expiresAt: view.expiresAt.toISOString()
		},
		signedInAs,
		matches: signedInAs !== null && signedInAs === view.email,
		loginHref: loginUrl(url),
		signupHref: `/signup?next=${encodeURIComponent(here)}&email=${encodeURIComponent(view.email)}`
	};
};

export const actions: Actions = {
	accept: async ({ locals, params, url }) => {
		const actor = locals.actor;
		if (actor.kind !== 'user') redirect(303, loginUrl(url));
		let initiativeId: string;
		try {
			({ initiativeId } = await initiatives.acceptInvitation(locals.app, actor, params.token));
		} catch (err) {
			if (err instanceof ApiError && err.status < 500) return fail(err.status, { code: err.code });
			throw err;
		}
		redirect(303, `/initiatives/${initiativeId}`);
	}
};
