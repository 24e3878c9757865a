import { error, redirect } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import * as templates from '#lib/server/templates/index.ts';
import type { PageServerLoad } from './$types';

/** The organisation's method templates (buyer users of the organisation). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	if (!can(actor, 'read', { resource: 'organisation_templates', organisationId: actor.organisationId })) error(404, 'Finns inte.');
	const list = await templates.listTemplates(locals.app.db, actor.organisationId);
	return { templates: list.map(templates.templateToApi), canCreate: can(actor, 'write', { resource: 'initiatives' }) };
};
