import { error, redirect } from '@sveltejs/kit';
import { can, initiativeAbilities } from '#lib/server/access/policy.ts';
import { initiativeScope } from '#lib/server/access/scope.ts';
import { loginUrl } from '#lib/server/auth/web.ts';
import * as initiatives from '#lib/server/initiatives/index.ts';
import type { LayoutServerLoad } from './$types';

/**
 * Everything under `/initiatives/[id]` starts here: members only (404 for everyone else, also
 * for malformed ids, so existence is never revealed). Pages below rely on these exact names.
 */
export const load: LayoutServerLoad = async ({ locals, params, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, loginUrl(url));
	const scope = await initiativeScope(locals.app.db, actor, params.id);
	if (!scope || !scope.membership || !can(actor, 'read', { resource: 'initiative', initiative: scope })) {
		error(404, 'Finns inte.');
	}
	const detail = await initiatives.getInitiative(locals.app.db, scope.initiativeId, actor);
	if (!detail) error(404, 'Finns inte.');
	return {
		initiative: {
			id: detail.id,
			title: detail.title,
			description: detail.description,
			phase: detail.phase,
			estimatedValueSek: detail.estimatedValueSek,
			organisations: detail.organisations
		},
		membership: { role: scope.membership.role, label: scope.membership.label },
		abilities: initiativeAbilities(actor, scope),
		docs: initiatives.docsOf(scope.initiativeId),
		me: { id: actor.userId, name: actor.name }
	};
};
