import { error } from '@sveltejs/kit';
import * as needs from '#lib/server/needs/index.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { abilities } = await parent();
	if (!abilities.readNeeds) error(404, 'Finns inte.');
	const list = await needs.listNeeds(locals.app.db, params.id);
	return {
		needs: list.map((n) => ({
			id: n.id,
			title: n.title,
			statement: n.statement,
			status: n.status,
			priority: n.priority,
			indicators: n.indicators.length,
			/** Indicators whose baseline or target is still words only (flagged by the numbers migration). */
			needsNumbers: n.indicators.filter((i) => i.needsNumbers).length,
			sources: n.sources.length,
			warnings: needs.needWarnings(n).flatMap((w) => w.words),
			updatedAt: n.updatedAt.toISOString()
		}))
	};
};
