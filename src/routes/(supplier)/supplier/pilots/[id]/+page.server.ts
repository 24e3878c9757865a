import * as pilots from '#lib/server/pilots/index.ts';
import { csvFromForm, pagePilot, recordOneFromForm } from '#lib/server/pilots/pages.ts';
import type { Actions, PageServerLoad } from './$types';

/** A supplier's own pilot: the plan to read, its results, and the values delegated to it to report. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = await pagePilot(locals, url, params.id, 'pilot', 'read');
	const [plan, indicators] = await Promise.all([pilots.pilotView(locals.app, ctx, ctx.actor), pilots.indicatorsOf(locals.app.db, ctx, ctx.actor)]);
	return { plan, indicators };
};

export const actions: Actions = {
	value: async ({ locals, params, request, url }) => recordOneFromForm(locals.app, await pagePilot(locals, url, params.id, 'pilot_values', 'write'), await request.formData()),
	csv: async ({ locals, params, request, url }) => csvFromForm(locals.app, await pagePilot(locals, url, params.id, 'pilot_values', 'write'), await request.formData())
};
