import { json } from '@sveltejs/kit';
import { endpoint, unauthenticated } from '#lib/server/http/api.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import type { RequestHandler } from './$types';

/** The end user of a test session (a guest of its workshop) gives consent. */
export const POST: RequestHandler = endpoint(async ({ locals }) => {
	if (locals.actor.kind !== 'guest') throw unauthenticated();
	await live.giveConsent(locals.app, locals.actor);
	return json({ ok: true });
});
