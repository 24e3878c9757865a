import { endpoint } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import { takeExport } from '#lib/server/requirements/limits.ts';
import { methodNotAllowed } from '#lib/server/auth/web.ts';
import * as audit from '#lib/server/audit/index.ts';
import { buildCaseFile } from '#lib/server/exports/case-file.ts';
import type { RequestHandler } from './$types';

/**
 * The initiative's case file (akt) as a ZIP: journal with chain check, every published version,
 * every export, and an index. Whoever may read the journal may download it; everyone else gets
 * the 404 of an initiative they may not know (or 403 when they are a member without the right).
 * The download itself is journalled (`case_file.exported`), after the ZIP was made.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { actor, scope } = await authorizeIn(locals.app.db, locals.actor, params.id, 'journal', 'read');
	const limited = takeExport(locals.app, actor.userId);
	if (limited) return limited;
	const file = await buildCaseFile(locals.app, actor, scope);
	await audit.record(locals.app.db, {
		initiativeId: scope.initiativeId,
		actor: { userId: actor.userId, label: actor.name },
		action: 'case_file.exported',
		data: { files: file.entries.map((e) => e.path), chainOk: file.chain.ok, journalEntries: file.chain.entries }
	});
	return new Response(file.bytes as unknown as BodyInit, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'cache-control': 'no-store'
		}
	});
});

export const fallback = methodNotAllowed('GET');
