import { endpoint, notFound, ApiError } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import { takeExport } from '#lib/server/requirements/limits.ts';
import { buildExport, EXPORT_RESOURCE, isExportKind } from '#lib/server/exports/index.ts';
import { docxResponse, renderDocx } from '#lib/server/exports/docx.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/**
 * A committee document as Word (DOCX): `brief`, `effect-logic`, `conflicts` or `procedure`.
 * Read through the same policy resource as its page; 404 for an unknown kind, for an initiative
 * the caller may not know, and for a procedure decision not yet taken.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	if (!isExportKind(params.kind)) throw notFound();
	const { actor, scope } = await authorizeIn(locals.app.db, locals.actor, params.id, EXPORT_RESOURCE[params.kind], 'read');
	const limited = takeExport(locals.app, actor.userId);
	if (limited) return limited;
	const doc = await buildExport(locals.app, actor, scope.initiativeId, params.kind);
	if (!doc) throw new ApiError(404, 'not_found', 'Inget förfarande har valts ännu.');
	return docxResponse(await renderDocx(doc), doc.fileBase);
});

export const fallback = methodNotAllowed('GET');
