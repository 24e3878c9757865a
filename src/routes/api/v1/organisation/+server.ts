import { json } from '@sveltejs/kit';
import { authorize, endpoint, notFound, requireUser } from '#lib/server/http/api.ts';
import { can } from '#lib/server/access/policy.ts';
import * as organisations from '#lib/server/organisations/index.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import type { RequestHandler } from './$types';

/** The caller's organisation, its people, and what the caller may do there. */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	const target = { resource: 'organisation' as const, organisationId: actor.organisationId };
	authorize(actor, 'read', target);
	const organisation = await organisations.getOrganisation(locals.app.db, actor.organisationId);
	if (!organisation) throw notFound();
	const members = await organisations.listColleagues(locals.app.db, actor.organisationId);
	const administer = can(actor, 'admin', target);
	return json({
		organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind, orgNumber: organisation.orgNumber },
		members: members.map((m) => ({ id: m.id, name: m.name, orgAdmin: m.orgAdmin, ...(administer ? { email: m.email, disabled: m.disabled } : {}) })),
		abilities: { invite: administer }
	});
});

export const fallback = methodNotAllowed('GET');
