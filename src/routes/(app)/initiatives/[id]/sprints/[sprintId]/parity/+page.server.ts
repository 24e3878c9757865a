import { error } from '@sveltejs/kit';
import * as sprints from '#lib/server/sprints/index.ts';
import { pageSprint } from '#lib/server/sprints/pages.ts';
import type { PageServerLoad } from './$types';

/** The parity report as a printable page (the same document as the Word export). */
export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	const { initiative } = await parent();
	const ctx = await pageSprint(locals, url, params.sprintId, 'sprint_parity', 'read');
	if (ctx.sprint.initiativeId !== params.id) error(404, 'Finns inte.');
	const report = await sprints.parityReport(locals.app.db, ctx.sprint.id, locals.app.clock.now());
	if (!report) error(404, 'Finns inte.');
	return { doc: sprints.parityDocument(report, initiative.title), sprintId: ctx.sprint.id };
};
