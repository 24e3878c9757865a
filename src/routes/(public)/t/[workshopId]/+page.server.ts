import { error, redirect } from '@sveltejs/kit';
import { endGuestSession, guestCookieName } from '#lib/server/auth/guest.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * An end user's page in a sprint's test session, on their phone: the consent text, then what is
 * being tested (the prototype's links) — nothing else of the room. Only the guest of this very
 * session sees it; everyone else is sent to join (the page reveals nothing about which sessions exist).
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (locals.actor.kind !== 'guest' || locals.actor.workshopId !== params.workshopId) redirect(303, '/join');
	const view = await live.testSessionView(locals.app, locals.actor);
	if (!view) error(404, 'Finns inte.');
	return { name: locals.actor.name, consentGiven: view.consentGiven, links: view.links };
};

export const actions: Actions = {
	consent: async ({ locals, params }) => {
		if (locals.actor.kind !== 'guest' || locals.actor.workshopId !== params.workshopId) redirect(303, '/join');
		await live.giveConsent(locals.app, locals.actor);
		return { consented: true };
	},
	leave: async ({ locals, cookies }) => {
		if (locals.actor.kind === 'guest') {
			await endGuestSession(locals.app.db, locals.actor.guestId);
			cookies.delete(guestCookieName(locals.app.config.secureCookies), { path: '/' });
		}
		redirect(303, '/join');
	}
};
