import { ApiError, endpoint } from '#lib/server/http/api.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import { exportDocx, exportRows, type ExportVersion } from '#lib/server/rfi/export.ts';
import { csvResponse, toCsv } from '#lib/server/csv/index.ts';
import type { RequestHandler } from './$types';

/**
 * The round as CSV (`?format=csv`, default) or DOCX (`?format=docx`), `?version=internal`
 * (default; every answer and the team's notes) or `public` (parts under confidentiality requests
 * replaced by a marker with the reason). Buyer team only.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi_responses', 'read');
	const format = url.searchParams.get('format') ?? 'csv';
	const version = (url.searchParams.get('version') ?? 'internal') as ExportVersion;
	if (!['csv', 'docx'].includes(format)) throw new ApiError(400, 'invalid_request', 'format ska vara csv eller docx.');
	if (!['internal', 'public'].includes(version)) throw new ApiError(400, 'invalid_request', 'version ska vara internal eller public.');
	const db = locals.app.db;
	const view = await rfi.roundView(db, ctx, ctx.actor, locals.app.clock.now());
	const round = {
		title: ctx.rfi.title,
		buyer: view.buyer,
		initiativeTitle: await rfi.initiativeTitle(db, ctx.rfi.initiativeId),
		publishedAt: view.publishedAt,
		answersDeadline: view.answersDeadline,
		summary: ctx.rfi.summary,
		marketFinding: ctx.rfi.marketFinding,
		questions: await rfi.questionsOf(db, ctx.rfi.id, true),
		responses: await rfi.responses(db, ctx),
		clarifications: view.clarifications
	};
	const base = `rfi-${ctx.rfi.id.slice(0, 8)}-${version === 'public' ? 'offentlig' : 'intern'}`;
	if (format === 'docx') {
		return new Response((await exportDocx(round, version)) as BodyInit, {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				'content-disposition': `attachment; filename="${base}.docx"`,
				'cache-control': 'private, no-store'
			}
		});
	}
	const { header, rows } = exportRows(round, version);
	return csvResponse(toCsv(header, rows), `${base}.csv`);
});
