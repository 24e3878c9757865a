import { fail } from '@sveltejs/kit';
import { pageAccess } from '#lib/server/requirements/pages.ts';
import { requirementsDocName } from '#lib/server/requirements/draft.ts';
import * as versions from '#lib/server/requirements/versions.ts';
import { initiativeNeeds } from '#lib/server/requirements/need-links.ts';
import { ApiError } from '#lib/server/http/api.ts';
import type { Actions, PageServerLoad } from './$types';

/** The live requirements editor (content arrives over the socket), the needs to link and the published versions. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.app;
	const { actor, scope, initiative, abilities } = await pageAccess(db, locals.actor, params.id, 'requirements', 'read', url.pathname);
	const needList = abilities.readNeeds ? await initiativeNeeds(db, scope.initiativeId) : [];
	return {
		initiative: { id: initiative.id, title: initiative.title },
		requirementsDoc: requirementsDocName(scope.initiativeId),
		me: { id: actor.userId, name: actor.name },
		requirementAbilities: {
			edit: abilities.editRequirements,
			publish: abilities.publishRequirements,
			readConflicts: abilities.readConflicts,
			linkNeeds: abilities.readNeeds
		},
		needs: needList,
		versions: await versions.listVersions(db, actor, scope.initiativeId)
	};
};

export const actions: Actions = {
	/** Publishes the current draft as the next version (after the confirmation; the policy decides who may). */
	publish: async ({ locals, params, request, url }) => {
		const { db } = locals.app;
		const { actor, scope } = await pageAccess(db, locals.actor, params.id, 'requirement_versions', 'write', url.pathname);
		const form = await request.formData();
		const note = String(form.get('note') ?? '').trim();
		if (note.length > 2000) return fail(400, { publishError: 'Anteckningen får vara högst 2 000 tecken.', note });
		try {
			const v = await versions.publish(locals.app, actor, scope.initiativeId, note || null);
			return { published: { version: v.version, sha256: v.sha256 } };
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { publishError: err.message, note });
			throw err;
		}
	}
};
