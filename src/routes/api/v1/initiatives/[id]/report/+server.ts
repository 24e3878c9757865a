import { json } from '@sveltejs/kit';
import { ApiError, endpoint, notFound } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import { takeExport } from '#lib/server/requirements/limits.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import { journalled } from '#lib/server/audit/command.ts';
import { docxResponse, renderDocx } from '#lib/server/exports/docx.ts';
import * as reports from '#lib/server/reports/index.ts';
import type { RequestHandler } from './$types';

/**
 * The final report (slutrapport): JSON without `format`, Word with `format=docx`. The buyer team
 * and observers read it (policy resource `report`; suppliers never), each section as the reader
 * may see it. The Word download is journalled (`report.exported`) and counts towards the export limit.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const format = url.searchParams.get('format');
	if (format !== null && format !== 'docx' && format !== 'json') throw new ApiError(400, 'invalid_format', 'Välj format=docx eller inget format (JSON).');
	const { actor, scope } = await authorizeIn(locals.app.db, locals.actor, params.id, 'report', 'read');
	if (format !== 'docx') {
		const report = await reports.buildReport(locals.app.db, actor, scope.initiativeId, locals.app.clock.now());
		if (!report) throw notFound();
		return json(report, { headers: { 'cache-control': 'no-store' } });
	}
	const limited = takeExport(locals.app, actor.userId);
	if (limited) return limited;
	const report = await reports.buildReport(locals.app.db, actor, scope.initiativeId, locals.app.clock.now());
	if (!report) throw notFound();
	const doc = reports.reportDocument(report);
	const bytes = await renderDocx(doc);
	await journalled(locals.app.db, async (_tx, journal) =>
		journal({
			initiativeId: scope.initiativeId,
			actor: { userId: actor.userId, label: actor.name },
			action: 'report.exported',
			data: { format: 'docx', sections: report.sections.length, keys: report.sections.map((s) => s.key) }
		})
	);
	return docxResponse(bytes, doc.fileBase);
});

export const fallback = methodNotAllowed('GET');
