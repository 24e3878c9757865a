import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { roomSettingsSchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/**
 * The room: `{id, stage, docName, inputs:[{id, title, sha256, arrivedAt}], deciderUserId?}` and
 * more, for the room's members and the buyer team; 404 for everyone else; 409
 * `terms_not_accepted` to the supplier until it has accepted the terms.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await sprints.authorizeRoom(locals, params.id, 'sprint_room', 'read');
	return json(await sprints.roomView(locals.app.db, ctx.actor, ctx));
});

/** The room's settings: decider, assigned buyer team members, lock, confidentiality (process leader). */
export const PATCH: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await sprints.authorizeRoom(locals, params.id, 'sprint_room', 'admin');
	const input = await readJson(request, roomSettingsSchema);
	await sprints.updateRoom(locals.app, ctx.actor, ctx, input);
	const fresh = await sprints.authorizeRoom(locals, params.id, 'sprint_room', 'read');
	return json(await sprints.roomView(locals.app.db, fresh.actor, fresh));
});
