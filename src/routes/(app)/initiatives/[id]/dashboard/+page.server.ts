import { error } from '@sveltejs/kit';
import * as pilots from '#lib/server/pilots/index.ts';
import type { PageServerLoad } from './$types';

/** The observers' dashboard: phase, each pilot's indicators against targets, decisions and dates. Read-only. */
export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { abilities } = await parent();
	if (!abilities.readPilots || locals.actor.kind !== 'user') error(404, 'Finns inte.');
	const actor = locals.actor;
	return { dashboard: await pilots.dashboard(locals.app.db, params.id, actor) };
};
