import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import * as versions from '#lib/server/requirements/versions.ts';
import { PublishBody } from '#lib/server/requirements/validation.ts';
import type { RequestHandler } from './$types';

/** Published versions, newest first. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { actor, scope } = await authorizeIn(locals.app.db, locals.actor, params.id, 'requirements', 'read');
	return json({ versions: await versions.listVersions(locals.app.db, actor, scope.initiativeId) });
});

/** Freezes the current draft as the next numbered version (process leader and procurement officers; others 403). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, scope } = await authorizeIn(locals.app.db, locals.actor, params.id, 'requirement_versions', 'write');
	const body = await readJson(request, PublishBody);
	const v = await versions.publish(locals.app, actor, scope.initiativeId, body.note || null);
	return json({ version: v.version, publishedAt: v.publishedAt, sha256: v.sha256 }, { status: 201, headers: { location: `/api/v1/initiatives/${scope.initiativeId}/requirements/versions/${v.version}` } });
});
