import { eq } from 'drizzle-orm';
import { authorize, endpoint, ApiError } from '#lib/server/http/api.ts';
import { initiativeScope } from '#lib/server/access/scope.ts';
import { initiatives } from '#lib/server/db/schema/index.ts';
import * as needs from '#lib/server/needs/index.ts';
import { needsCsv, needsDocx } from '#lib/server/needs/export.ts';
import { csvResponse } from '#lib/server/csv/index.ts';
import type { RequestHandler } from './$types';

/** Downloads the register: `?format=csv` (default) or `?format=docx`. */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const id = params.id ?? '';
	const scope = await initiativeScope(locals.app.db, locals.actor, id);
	authorize(locals.actor, 'read', scope && { resource: 'needs', initiative: scope });
	const format = url.searchParams.get('format') ?? 'csv';
	if (format !== 'csv' && format !== 'docx') throw new ApiError(400, 'invalid_request', 'Formatet ska vara csv eller docx.');
	const list = await needs.listNeeds(locals.app.db, id);
	const items = await Promise.all(list.map(async (need) => ({ need, sources: await needs.resolveSources(locals.app, need.sources) })));
	const locale = locals.locale ?? 'sv';
	const base = locale === 'sv' ? 'behovsregister' : 'needs-register';
	if (format === 'csv') {
		return csvResponse(needsCsv(items, locale), `${base}.csv`);
	}
	const [initiative] = await locals.app.db.select({ title: initiatives.title }).from(initiatives).where(eq(initiatives.id, id)).limit(1);
	const body = await needsDocx(initiative?.title ?? '', items, locale);
	return new Response(body as unknown as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="${base}.docx"`
		}
	});
});
