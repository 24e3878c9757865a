import { error } from '@sveltejs/kit';
import { pageAccess } from '#lib/server/requirements/pages.ts';
import * as versions from '#lib/server/requirements/versions.ts';
import { groupBySection } from '#lib/server/requirements/export.ts';
import { resolveNeedLinks } from '#lib/server/requirements/need-links.ts';
import type { PageServerLoad } from './$types';

/** A published version laid out for printing (the PDF export: the browser's "Save as PDF"). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.app;
	const { actor, scope, initiative } = await pageAccess(db, locals.actor, params.id, 'requirements', 'read', url.pathname);
	const n = versions.parseVersionParam(params.n);
	const row = n === null ? null : await versions.versionText(db, scope.initiativeId, n);
	if (!row) error(404, 'Finns inte.');
	// Rule 3: the publisher as this reader may see them; need links only inside the initiative.
	const { needTitles, ...v } = await resolveNeedLinks(db, scope.initiativeId, (await versions.forViewer(db, actor, versions.parseVersion(row.content))).version);
	return {
		initiative: { id: initiative.id, title: initiative.title },
		version: { version: v.version, publishedAt: v.publishedAt, publishedBy: v.publishedBy.id ? v.publishedBy.name : null, note: v.note, sha256: row.sha256 },
		groups: groupBySection(v),
		needTitles: Object.fromEntries(needTitles)
	};
};
