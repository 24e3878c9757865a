import { endpoint, notFound } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import * as versions from '#lib/server/requirements/versions.ts';
import { canonicalJson } from '#lib/server/audit/index.ts';
import type { RequestHandler } from './$types';

/**
 * One version exactly as published: the stored bytes, with their SHA-256 as the ETag. A supplier's
 * expert who may not name the publisher (rule 3) gets the same canonical JSON with the publisher
 * shown as "Teamet" instead; `x-content-sha256` still names the published version (its hash as
 * listed), the ETag is that of the bytes served, and `x-redacted: publishedBy` says why they differ.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { actor, scope } = await authorizeIn(locals.app.db, locals.actor, params.id, 'requirements', 'read');
	const n = versions.parseVersionParam(params.n);
	const row = n === null ? null : await versions.versionText(locals.app.db, scope.initiativeId, n);
	if (!row) throw notFound();
	const shown = await versions.forViewer(locals.app.db, actor, JSON.parse(row.content) as versions.VersionContent);
	if (shown.redacted) {
		const text = canonicalJson(shown.version);
		return new Response(text, {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				etag: `"${versions.sha256Hex(text)}"`,
				'x-content-sha256': row.sha256,
				'x-redacted': 'publishedBy'
			}
		});
	}
	return new Response(row.content, {
		headers: { 'content-type': 'application/json; charset=utf-8', etag: `"${row.sha256}"`, 'x-content-sha256': row.sha256 }
	});
});
