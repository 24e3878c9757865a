import { json } from '@sveltejs/kit';
import { authorize, endpoint, notFound, readJson, requireUser } from '#lib/server/http/api.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import * as lessons from '#lib/server/reports/lessons.ts';
import { lessonSchema } from '#lib/server/reports/validation.ts';
import type { RequestHandler } from './$types';

async function context(locals: App.Locals, id: string | undefined, action: 'read' | 'write') {
	const ctx = await lessons.lessonContext(locals.app.db, locals.actor, id ?? '');
	authorize(locals.actor, action, ctx && { resource: 'lessons', initiative: ctx.scope });
	if (!ctx) throw notFound();
	return { ...ctx, actor: requireUser(locals.actor) };
}

/** One lesson. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { lesson } = await context(locals, params.id, 'read');
	return json(lessons.lessonToApi(lesson));
});

/** Replaces a lesson's phase and texts (process leader and team). */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { lesson, actor } = await context(locals, params.id, 'write');
	const input = await readJson(request, lessonSchema);
	return json(lessons.lessonToApi(await lessons.updateLesson(locals.app, actor, lesson, input)));
});

/** Deletes a lesson (process leader and team); journalled. */
export const DELETE: RequestHandler = endpoint(async ({ locals, params }) => {
	const { lesson, actor } = await context(locals, params.id, 'write');
	await lessons.deleteLesson(locals.app, actor, lesson);
	return new Response(null, { status: 204 });
});

export const fallback = methodNotAllowed('GET, PUT, DELETE');
