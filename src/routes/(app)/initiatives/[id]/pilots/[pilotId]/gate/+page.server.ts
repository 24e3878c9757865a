import { fail } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { ApiError } from '#lib/server/http/api.ts';
import { describe } from '#lib/server/audit/events.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import { fieldErrors, figure, pagePilot } from '#lib/server/pilots/pages.ts';
import { decisionSchema, scaleUpSchema } from '#lib/server/pilots/validation.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { Actions, PageServerLoad } from './$types';

/** The go/no-go gate: the evidence, the decision (named decision makers) and the scale-up plan. */
export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	const { abilities } = await parent();
	const ctx = await pagePilot(locals, url, params.pilotId, 'pilot', 'read', params.id);
	const target = { initiative: ctx.initiative, pilot: ctx.scope };
	const locale = getLocale() === 'en' ? 'en' : 'sv';
	const [plan, indicators, log] = await Promise.all([
		pilots.pilotView(locals.app, ctx, ctx.actor),
		pilots.indicatorsOf(locals.app.db, ctx, ctx.actor),
		abilities.readJournal ? pilots.pilotLog(locals.app.db, ctx.pilot.initiativeId, ctx.pilot.id) : Promise.resolve(null)
	]);
	return {
		plan,
		indicators,
		log: log?.map((row) => ({ at: row.at, ...describe(row, locale) })) ?? null,
		can: { decide: can(ctx.actor, 'write', { resource: 'pilot_decision', ...target }), edit: can(ctx.actor, 'write', { resource: 'pilot', ...target }) }
	};
};

export const actions: Actions = {
	decide: async ({ locals, params, request, url }) => {
		const ctx = await pagePilot(locals, url, params.pilotId, 'pilot_decision', 'write', params.id);
		const f = await request.formData();
		const raw = { decision: String(f.get('decision') ?? ''), motivation: String(f.get('motivation') ?? ''), reason: String(f.get('reason') ?? '').trim() || undefined };
		const parsed = decisionSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { form: 'decide', values: raw, errors: fieldErrors(parsed.error.issues) });
		try {
			await pilots.decide(locals.app, ctx.actor, ctx, parsed.data);
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { form: 'decide', values: raw, errors: { [err.code === 'baseline_missing' ? 'reason' : 'form']: err.message } });
			throw err;
		}
		return { form: 'decide', saved: true };
	},
	scaleUp: async ({ locals, params, request, url }) => {
		const ctx = await pagePilot(locals, url, params.pilotId, 'pilot', 'write', params.id);
		const f = await request.formData();
		const raw = {
			organisationRequirements: String(f.get('organisationRequirements') ?? ''),
			costSek: figure(String(f.get('costSek') ?? '')) ?? Number.NaN,
			municipalities: String(f.get('municipalities') ?? '')
				.split(/\r?\n/)
				.map((s) => s.trim())
				.filter(Boolean),
			marketSituation: String(f.get('marketSituation') ?? '') || undefined
		};
		const parsed = scaleUpSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { form: 'scaleUp', errors: fieldErrors(parsed.error.issues) });
		try {
			await pilots.saveScaleUp(locals.app, ctx.actor, ctx, parsed.data);
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { form: 'scaleUp', errors: { form: err.message } });
			throw err;
		}
		return { form: 'scaleUp', saved: true };
	}
};
