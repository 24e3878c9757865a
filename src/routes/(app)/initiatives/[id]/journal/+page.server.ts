import * as audit from '#lib/server/audit/index.ts';
import { pageAuthorize } from '#lib/server/initiatives/pages.ts';
import type { Actions, PageServerLoad } from './$types';

/** The journal (process leaders): newest first on screen; the CSV export keeps the chain order. */
export const load: PageServerLoad = async (event) => {
	const { scope } = await pageAuthorize(event, 'journal', 'read');
	const entries = await audit.list(event.locals.app.db, scope.initiativeId);
	return { entries: entries.reverse() };
};

export const actions: Actions = {
	/** Recomputes every link of the hash chain and reports the first broken one. */
	verify: async (event) => {
		const { scope } = await pageAuthorize(event, 'journal', 'read');
		const result = await audit.verify(event.locals.app.db, scope.initiativeId);
		return { verify: { ...result, at: new Date().toISOString() } };
	}
};
