import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { authorizeInitiative } from '#lib/server/initiatives/access.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import * as lessons from '#lib/server/reports/lessons.ts';
import { lessonSchema } from '#lib/server/reports/validation.ts';
import type { RequestHandler } from './$types';

/** The initiative's lessons learnt, in phase order (buyer team and observers; never suppliers). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { scope } = await authorizeInitiative(locals, params.id, 'lessons', 'read');
	const list = await lessons.listLessons(locals.app.db, scope.initiativeId);
	return json({ lessons: list.map(lessons.lessonToApi) });
});

/** Records a lesson for one phase (process leader and team). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, scope } = await authorizeInitiative(locals, params.id, 'lessons', 'write');
	const input = await readJson(request, lessonSchema);
	const created = await lessons.createLesson(locals.app, actor, scope.initiativeId, input);
	return json(lessons.lessonToApi({ ...created, authorName: actor.name }), { status: 201, headers: { location: `/api/v1/lessons/${created.id}` } });
});

export const fallback = methodNotAllowed('GET, POST');
