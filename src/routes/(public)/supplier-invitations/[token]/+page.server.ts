import { error, fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { rfis, sprintRooms, sprints, tenders, users } from '#lib/server/db/schema/index.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import { ApiError } from '#lib/server/http/api.ts';
import { acceptSupplierInvitation, describeSupplierInvitation } from '#lib/server/market/invitations.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The page behind a supplier's invitation link: whoever holds the link sees which buyer invites
 * to what; only the invited address, signed in with a supplier account, can accept. Someone
 * without an account registers their company from here and comes back.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await describeSupplierInvitation(locals.app.db, params.token, locals.app.clock.now());
	if (!view) error(404, 'Finns inte.');
	const [round] =
		view.subjectKind === 'tender'
			? await locals.app.db.select({ title: tenders.title }).from(tenders).where(eq(tenders.id, view.subjectId)).limit(1)
			: view.subjectKind === 'sprint'
				? await locals.app.db
						.select({ title: sprints.title })
						.from(sprintRooms)
						.innerJoin(sprints, eq(sprints.id, sprintRooms.sprintId))
						.where(eq(sprintRooms.id, view.subjectId))
						.limit(1)
				: await locals.app.db.select({ title: rfis.title }).from(rfis).where(eq(rfis.id, view.subjectId)).limit(1);
	let signedInAs: string | null = null;
	if (locals.actor.kind === 'user') {
		const [me] = await locals.app.db.select({ email: users.email }).from(users).where(eq(users.id, locals.actor.userId)).limit(1);
		signedInAs = me?.email ?? null;
	}
	const here = url.pathname;
	return {
		invitation: { status: view.status, buyer: view.buyerName, title: round?.title ?? '', email: view.email, expiresAt: view.expiresAt.toISOString() },
		signedInAs,
		matches: signedInAs !== null && signedInAs.toLowerCase() === view.email,
		loginHref: loginUrl(url),
		signupHref: `/signup?next=${encodeURIComponent(here)}&email=${encodeURIComponent(view.email)}&kind=supplier`
	};
};

export const actions: Actions = {
	accept: async ({ locals, params, url }) => {
		if (locals.actor.kind !== 'user') redirect(303, loginUrl(url));
		let subjectId: string;
		let subjectKind: string;
		try {
			({ subjectId, subjectKind } = await acceptSupplierInvitation(locals.app, locals.actor, params.token));
		} catch (err) {
			if (err instanceof ApiError && err.status < 500) return fail(err.status, { code: err.code, message: err.message });
			throw err;
		}
		// Tenders have no supplier page yet (the UI session builds it on the API): the start page lists them.
		redirect(303, subjectKind === 'tender' ? '/supplier' : subjectKind === 'sprint' ? `/sprints/${subjectId}` : `/rfis/${subjectId}`);
	}
};
