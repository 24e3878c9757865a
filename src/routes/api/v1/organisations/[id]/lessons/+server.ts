import { json } from '@sveltejs/kit';
import { ApiError, authorize, endpoint, requireUser } from '#lib/server/http/api.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import { searchLessons } from '#lib/server/reports/lessons.ts';
import { lessonSearchSchema } from '#lib/server/reports/validation.ts';
import type { RequestHandler } from './$types';

/**
 * Searches the lessons of the organisation's initiatives (`q`, in the texts and initiative titles).
 * Buyer users of that organisation only; each hit comes from an initiative the caller may read lessons of.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const actor = requireUser(locals.actor);
	const organisationId = params.id ?? '';
	authorize(actor, 'read', isUuid(organisationId) ? { resource: 'organisation_lessons', organisationId } : null);
	const parsed = lessonSearchSchema.safeParse({ q: url.searchParams.get('q') ?? '' });
	if (!parsed.success) throw new ApiError(400, 'invalid_request', `q: ${parsed.error.issues[0].message}`);
	return json({ q: parsed.data.q, lessons: await searchLessons(locals.app.db, actor, organisationId, parsed.data.q) });
});

export const fallback = methodNotAllowed('GET');
