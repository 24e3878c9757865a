import { error, redirect } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import { searchLessons } from '#lib/server/reports/lessons.ts';
import { lessonSearchSchema } from '#lib/server/reports/validation.ts';
import type { PageServerLoad } from './$types';

/** Search of the lessons in the organisation's initiatives (buyer users; each hit from an initiative they may read). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	if (!can(actor, 'read', { resource: 'organisation_lessons', organisationId: actor.organisationId })) error(404, 'Finns inte.');
	const parsed = lessonSearchSchema.safeParse({ q: url.searchParams.get('q') ?? '' });
	const q = parsed.success ? parsed.data.q : '';
	return { q, invalid: !parsed.success, lessons: await searchLessons(locals.app.db, actor, actor.organisationId, q) };
};
