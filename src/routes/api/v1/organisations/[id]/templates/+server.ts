import { json } from '@sveltejs/kit';
import { authorize, endpoint, readJson, requireUser } from '#lib/server/http/api.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import * as templates from '#lib/server/templates/index.ts';
import { createTemplateSchema } from '#lib/server/reports/validation.ts';
import type { RequestHandler } from './$types';

function target(id: string | undefined) {
	return id && isUuid(id) ? { resource: 'organisation_templates' as const, organisationId: id } : null;
}

/** The organisation's method templates (buyer users of that organisation). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'read', target(params.id));
	const list = await templates.listTemplates(locals.app.db, params.id!);
	return json({ templates: list.map(templates.templateToApi), parts: templates.templatePartKeys() });
});

/**
 * Saves an initiative's method as a template: the chosen parts (a copy of whitelisted fields) and
 * the initiative's lessons. The caller must be on the initiative's team; journalled in its journal.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'write', target(params.id));
	const input = await readJson(request, createTemplateSchema);
	const created = await templates.createTemplate(locals.app, actor, params.id!, input);
	return json(templates.templateToApi(created), { status: 201, headers: { location: `/api/v1/organisations/${params.id}/templates` } });
});

export const fallback = methodNotAllowed('GET, POST');
