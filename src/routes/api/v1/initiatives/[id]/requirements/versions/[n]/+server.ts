import { endpoint, notFound } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import * as versions from '#lib/server/requirements/versions.ts';
import type { RequestHandler } from './$types';

/** One version exactly as published: the stored bytes, with their SHA-256 as the ETag. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { scope } = await authorizeIn(locals.app.db, locals.actor, params.id, 'requirements', 'read');
	const n = versions.parseVersionParam(params.n);
	const row = n === null ? null : await versions.versionText(locals.app.db, scope.initiativeId, n);
	if (!row) throw notFound();
	return new Response(row.content, {
		headers: { 'content-type': 'application/json; charset=utf-8', etag: `"${row.sha256}"`, 'x-content-sha256': row.sha256 }
	});
});
