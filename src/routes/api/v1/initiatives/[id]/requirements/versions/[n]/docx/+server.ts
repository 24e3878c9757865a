import { eq } from 'drizzle-orm';
import { endpoint, notFound } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import * as versions from '#lib/server/requirements/versions.ts';
import { versionDocx } from '#lib/server/requirements/export.ts';
import { initiatives } from '#lib/server/db/schema/index.ts';
import { resolveNeedLinks } from '#lib/server/requirements/need-links.ts';
import { takeExport } from '#lib/server/requirements/limits.ts';
import type { RequestHandler } from './$types';

/** One version as a Word document (downloaded, never rendered inline; at most 30 per user in 10 minutes). */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { db } = locals.app;
	const { actor, scope } = await authorizeIn(db, locals.actor, params.id, 'requirements', 'read');
	const n = versions.parseVersionParam(params.n);
	const row = n === null ? null : await versions.versionText(db, scope.initiativeId, n);
	if (!row) throw notFound();
	const limited = takeExport(locals.app, actor.userId);
	if (limited) return limited;
	// Rule 3: the publisher as this reader may see them; need links only inside the initiative.
	const { needTitles, ...v } = await resolveNeedLinks(db, scope.initiativeId, (await versions.forViewer(db, actor, versions.parseVersion(row.content))).version);
	const [ini] = await db.select({ title: initiatives.title }).from(initiatives).where(eq(initiatives.id, scope.initiativeId));
	const bytes = await versionDocx(v, { initiativeTitle: ini?.title ?? '', sha256: row.sha256, needTitles });
	return new Response(bytes as unknown as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="kravspecifikation-v${v.version}.docx"`
		}
	});
});
