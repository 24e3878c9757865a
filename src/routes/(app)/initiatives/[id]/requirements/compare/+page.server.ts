import { error } from '@sveltejs/kit';
import { pageAccess } from '#lib/server/requirements/pages.ts';
import * as versions from '#lib/server/requirements/versions.ts';
import { diffRequirements } from '#lib/server/requirements/diff.ts';
import type { PageServerLoad } from './$types';

/** Compares two published versions (`?a=1&b=2`; without them, the two latest). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.app;
	const { actor, scope, initiative } = await pageAccess(db, locals.actor, params.id, 'requirements', 'read', url.pathname);
	const list = await versions.listVersions(db, actor, scope.initiativeId);
	const asked = url.searchParams.has('a') || url.searchParams.has('b');
	const a = asked ? versions.parseVersionParam(url.searchParams.get('a')) : (list[1]?.version ?? null);
	const b = asked ? versions.parseVersionParam(url.searchParams.get('b')) : (list[0]?.version ?? null);
	if (asked && (a === null || b === null)) error(404, 'Finns inte.');
	let diff: (ReturnType<typeof diffRequirements> & { from: number; to: number }) | null = null;
	if (a !== null && b !== null) {
		const [va, vb] = await Promise.all([versions.getVersion(db, actor, scope.initiativeId, a), versions.getVersion(db, actor, scope.initiativeId, b)]);
		if (!va || !vb) error(404, 'Finns inte.');
		diff = { from: a, to: b, ...diffRequirements(va, vb) };
	}
	return {
		initiative: { id: initiative.id, title: initiative.title },
		versions: list.map((v) => ({ version: v.version, publishedAt: v.publishedAt })),
		a,
		b,
		diff
	};
};
