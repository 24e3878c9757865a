import { error } from '@sveltejs/kit';
import { inArray } from 'drizzle-orm';
import { pageAccess } from '#lib/server/requirements/pages.ts';
import * as versions from '#lib/server/requirements/versions.ts';
import { groupBySection } from '#lib/server/requirements/export.ts';
import { needs } from '#lib/server/db/schema/index.ts';
import type { PageServerLoad } from './$types';

/** A published version laid out for printing (the PDF export: the browser's "Save as PDF"). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.app;
	const { actor, scope, initiative } = await pageAccess(db, locals.actor, params.id, 'requirements', 'read', url.pathname);
	const n = versions.parseVersionParam(params.n);
	const row = n === null ? null : await versions.versionText(db, scope.initiativeId, n);
	if (!row) error(404, 'Finns inte.');
	// Rule 3: the publisher as this reader may see them.
	const v = (await versions.forViewer(db, actor, JSON.parse(row.content) as versions.VersionContent)).version;
	const ids = [...new Set(v.requirements.flatMap((r) => r.needIds))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
	const needRows = ids.length ? await db.select({ id: needs.id, title: needs.title }).from(needs).where(inArray(needs.id, ids)) : [];
	return {
		initiative: { id: initiative.id, title: initiative.title },
		version: { version: v.version, publishedAt: v.publishedAt, publishedBy: v.publishedBy.id ? v.publishedBy.name : null, note: v.note, sha256: row.sha256 },
		groups: groupBySection(v),
		needTitles: Object.fromEntries(needRows.map((r) => [r.id, r.title]))
	};
};
