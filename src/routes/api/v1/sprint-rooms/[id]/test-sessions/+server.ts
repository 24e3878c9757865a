import { json } from '@sveltejs/kit';
import { endpoint } from '#lib/server/http/api.ts';
import { authorizeRoom } from '#lib/server/sprints/access.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import type { RequestHandler } from './$types';

/** The room's test sessions and their codes. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await authorizeRoom(locals, params.id, 'sprint_room', 'read');
	const sessions = await live.listTestSessions(locals.app.db, ctx.room.id);
	return json({ sessions: sessions.map((s) => ({ id: s.id, code: s.code, createdAt: s.createdAt.toISOString() })) });
});

/** Opens an end-user test session; end users join with its code at the one join endpoint. */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await authorizeRoom(locals, params.id, 'sprint_room', 'write');
	const s = await live.createTestSession(locals.app, ctx);
	return json({ id: s.id, code: s.code }, { status: 201 });
});
