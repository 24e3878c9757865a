import { error } from '@sveltejs/kit';
import { pageAuthorize } from '#lib/server/initiatives/pages.ts';
import * as reports from '#lib/server/reports/index.ts';
import type { PageServerLoad } from './$types';

/**
 * The final report laid out for printing: the same sections as the JSON and the DOCX, as the
 * reader may see them (policy resource `report`: buyer team and observers, never suppliers).
 */
export const load: PageServerLoad = async (event) => {
	const { actor, scope } = await pageAuthorize(event, 'report', 'read');
	const report = await reports.buildReport(event.locals.app.db, actor, scope.initiativeId, event.locals.app.clock.now());
	if (!report) error(404, 'Finns inte.');
	return { doc: reports.reportDocument(report), docxHref: `/api/v1/initiatives/${scope.initiativeId}/report?format=docx` };
};
