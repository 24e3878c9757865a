import { error } from '@sveltejs/kit';
import { pageAccess } from '#lib/server/requirements/pages.ts';
import { buildExport, EXPORT_RESOURCE, isExportKind } from '#lib/server/exports/index.ts';
import type { PageServerLoad } from './$types';

/**
 * A committee document laid out for printing (the browser's "Save as PDF" makes the PDF): the
 * same document as the DOCX export, through the same policy resource as its page.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!isExportKind(params.kind)) error(404, 'Finns inte.');
	const { db } = locals.app;
	const { actor, scope } = await pageAccess(db, locals.actor, params.id, EXPORT_RESOURCE[params.kind], 'read', url.pathname);
	const doc = await buildExport(locals.app, actor, scope.initiativeId, params.kind);
	if (!doc) error(404, 'Inget förfarande har valts ännu.');
	return { kind: params.kind, doc, docxHref: `/api/v1/initiatives/${scope.initiativeId}/exports/${params.kind}` };
};
