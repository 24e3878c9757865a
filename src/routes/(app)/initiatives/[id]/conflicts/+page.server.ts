import { pageAccess } from '#lib/server/requirements/pages.ts';
import * as conflicts from '#lib/server/conflicts/index.ts';
import type { PageServerLoad } from './$types';

/** The conflicts register with its evidence, and everyone who wrote in the requirements (authorship). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.app;
	const { scope, initiative } = await pageAccess(db, locals.actor, params.id, 'conflicts', 'read', url.pathname);
	const [register, authors] = await Promise.all([conflicts.register(db, scope.initiativeId), conflicts.requirementAuthors(db, scope.initiativeId)]);
	return { initiative: { id: initiative.id, title: initiative.title }, register, authors };
};
