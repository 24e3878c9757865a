import { json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { endpoint, ApiError, authorize } from '#lib/server/http/api.ts';
import * as tenders from '#lib/server/tenders/index.ts';
import { csvResponse, toCsv } from '#lib/server/csv/index.ts';
import { docxResponse, renderDocx } from '#lib/server/exports/docx.ts';
import { publicTendersDocument } from '#lib/server/exports/tenders-public.ts';
import { initiatives } from '#lib/server/db/schema/index.ts';
import type { RequestHandler } from './$types';

const FORMATS = ['json', 'csv', 'docx'];

/**
 * The public version of the tenders after the award, confidential parts replaced by a marker:
 * JSON, with `?format=csv` one row per answer (and one for the price) for Swedish Excel, or with
 * `?format=docx` a Word document with one section per tender.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const format = url.searchParams.get('format') ?? 'json';
	if (!FORMATS.includes(format)) throw new ApiError(400, 'invalid_request', 'format ska vara json, csv eller docx.');
	const ctx = await tenders.authorizeTender(locals, params.id, 'tender', 'read');
	if (!ctx.scope.awarded) throw new ApiError(403, 'not_public', 'Anbuden är hemliga till tilldelningsbeslutet.');
	authorize(ctx.actor, 'read', { resource: 'tender_public', initiative: ctx.initiative, tender: ctx.scope });
	const pub = await tenders.publicVersion(locals.app, ctx);
	if (format === 'json') return json(pub);
	if (format === 'docx') {
		const docs = await tenders.tenderDocuments(locals.app.db, ctx.actor, ctx.tender);
		const texts = new Map<string, string>();
		for (const r of docs?.requirements ?? []) {
			texts.set(r.id, r.text);
			texts.set(r.uid, r.text);
		}
		const [initiative] = await locals.app.db.select({ title: initiatives.title }).from(initiatives).where(eq(initiatives.id, ctx.tender.initiativeId));
		const doc = publicTendersDocument(initiative?.title ?? '', pub, (id) => texts.get(id) ?? null, locals.app.clock.now());
		return docxResponse(await renderDocx(doc), doc.fileBase);
	}
	const rows = pub.tenders.flatMap((t) => [
		[t.organisation.name, t.receiptId, new Date(t.receivedAt), t.sha256, t.awarded ? 'ja' : 'nej', 'Pris (kr)', t.priceSek],
		...t.answers.map((a) => [t.organisation.name, t.receiptId, new Date(t.receivedAt), t.sha256, t.awarded ? 'ja' : 'nej', a.requirementId, a.value])
	]);
	return csvResponse(toCsv(['Anbudsgivare', 'Kvitto', 'Mottaget', 'SHA-256', 'Tilldelad', 'Krav', 'Svar'], rows), `anbud-${pub.title}.csv`);
});
