import { json } from '@sveltejs/kit';
import { endpoint, ApiError, authorize } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { csvResponse, toCsv } from '#lib/server/csv/index.ts';
import type { RequestHandler } from './$types';

/**
 * The public version of the tenders after the award, confidential parts replaced by a marker:
 * JSON, or with `?format=csv` one row per answer (and one for the price) for Swedish Excel.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const format = url.searchParams.get('format') ?? 'json';
	if (format !== 'json' && format !== 'csv') throw new ApiError(400, 'invalid_request', 'format ska vara json eller csv.');
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'read');
	if (!ctx.scope.awarded) throw new ApiError(403, 'not_public', 'Anbuden är hemliga till tilldelningsbeslutet.');
	authorize(ctx.actor, 'read', { resource: 'tender_public', initiative: ctx.initiative, tender: ctx.scope });
	const pub = await tenders.publicVersion(locals.app, ctx);
	if (format === 'json') return json(pub);
	const rows = pub.tenders.flatMap((t) => [
		[t.organisation.name, t.receiptId, new Date(t.receivedAt), t.sha256, t.awarded ? 'ja' : 'nej', 'Pris (kr)', t.priceSek],
		...t.answers.map((a) => [t.organisation.name, t.receiptId, new Date(t.receivedAt), t.sha256, t.awarded ? 'ja' : 'nej', a.requirementId, a.value])
	]);
	return csvResponse(toCsv(['Anbudsgivare', 'Kvitto', 'Mottaget', 'SHA-256', 'Tilldelad', 'Krav', 'Svar'], rows), `anbud-${pub.title}.csv`);
});
