import { json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { ApiError, endpoint, notFound } from '#lib/server/http/api.ts';
import { initiatives } from '#lib/server/db/schema/index.ts';
import { takeExport } from '#lib/server/requirements/limits.ts';
import { docxResponse, renderDocx } from '#lib/server/exports/docx.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import type { RequestHandler } from './$types';

/**
 * The parity report: per room every input with hash and arrival time, meetings, questions and
 * where answered; `differences`. Buyer team and observers only. `?format=docx` for Word.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const format = url.searchParams.get('format') ?? 'json';
	if (format !== 'json' && format !== 'docx') throw new ApiError(400, 'invalid_format', 'format är json eller docx.');
	const ctx = await sprints.authorizeSprint(locals, params.id, 'sprint_parity', 'read');
	const report = await sprints.parityReport(locals.app.db, ctx.sprint.id, locals.app.clock.now());
	if (!report) throw notFound();
	if (format === 'json') return json(report);
	const limited = takeExport(locals.app, ctx.actor.userId);
	if (limited) return limited;
	const [ini] = await locals.app.db.select({ title: initiatives.title }).from(initiatives).where(eq(initiatives.id, ctx.sprint.initiativeId)).limit(1);
	const doc = sprints.parityDocument(report, ini?.title ?? '');
	return docxResponse(await renderDocx(doc), doc.fileBase);
});
