import { json } from '@sveltejs/kit';
import { endpoint, notFound } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import * as versions from '#lib/server/requirements/versions.ts';
import { diffRequirements } from '#lib/server/requirements/diff.ts';
import type { RequestHandler } from './$types';

/** What changed from version `n` to version `b`: added, removed, changed (with word diffs) and moved requirements. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const { db } = locals.app;
	const { actor, scope } = await authorizeIn(db, locals.actor, params.id, 'requirements', 'read');
	const a = versions.parseVersionParam(params.n);
	const b = versions.parseVersionParam(params.b);
	const va = a === null ? null : await versions.getVersion(db, actor, scope.initiativeId, a);
	const vb = b === null ? null : await versions.getVersion(db, actor, scope.initiativeId, b);
	if (!va || !vb) throw notFound();
	return json({ from: va.version, to: vb.version, ...diffRequirements(va, vb) });
});
