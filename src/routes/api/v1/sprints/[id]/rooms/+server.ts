import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import { addRoomSchema } from '#lib/server/sprints/validation.ts';
import type { RequestHandler } from './$types';

/** Adds a supplier's room: `{organisationId}` or `{email}` (invited like an RFI). Process leader. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request, url }) => {
	const ctx = await sprints.authorizeSprint(locals, params.id, 'sprint', 'admin');
	const input = await readJson(request, addRoomSchema);
	return json(await sprints.addRoom(locals.app, ctx.actor, ctx, input, locals.app.config.ORIGIN ?? url.origin), { status: 201 });
});
