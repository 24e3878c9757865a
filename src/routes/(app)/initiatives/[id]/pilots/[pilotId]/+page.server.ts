import { error, fail } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { ApiError } from '#lib/server/http/api.ts';
import * as pilots from '#lib/server/pilots/index.ts';
import { listNeeds } from '#lib/server/needs/index.ts';
import { csvFromForm, fieldErrors, pagePilot, planFromForm, pointsFromForm, recordOneFromForm } from '#lib/server/pilots/pages.ts';
import { confirmSchema, planSchema, pointsSchema } from '#lib/server/pilots/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = await pagePilot(locals, url, params.pilotId, 'pilot', 'read', params.id);
	const target = { initiative: ctx.initiative, pilot: ctx.scope };
	const [plan, indicators, needs] = await Promise.all([
		pilots.pilotView(locals.app, ctx, ctx.actor),
		pilots.indicatorsOf(locals.app.db, ctx, ctx.actor),
		listNeeds(locals.app.db, ctx.pilot.initiativeId)
	]);
	return {
		plan,
		indicators,
		needChoices: needs.map((n) => ({ id: n.id, title: n.title, indicators: n.indicators })),
		docName: pilots.docNameOf(ctx.pilot.id),
		created: url.searchParams.has('created'),
		can: {
			edit: can(ctx.actor, 'write', { resource: 'pilot', ...target }),
			record: can(ctx.actor, 'write', { resource: 'pilot_values', ...target }),
			decide: can(ctx.actor, 'write', { resource: 'pilot_decision', ...target })
		}
	};
};

type Ctx = Awaited<ReturnType<typeof pagePilot>>;
async function run<T>(fn: () => Promise<T>, form: string, keep: Record<string, unknown> = {}) {
	try {
		return { ok: true as const, value: await fn() };
	} catch (err) {
		if (err instanceof ApiError) return { ok: false as const, failure: fail(err.status, { form, ...keep, errors: { form: err.message } }) };
		throw err;
	}
}
const writer = (locals: App.Locals, url: URL, params: { id: string; pilotId: string }, resource: 'pilot' | 'pilot_values' = 'pilot'): Promise<Ctx> =>
	pagePilot(locals, url, params.pilotId, resource, 'write', params.id);

export const actions: Actions = {
	plan: async ({ locals, params, request, url }) => {
		const ctx = await writer(locals, url, params);
		const raw = planFromForm(await request.formData());
		const parsed = planSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { form: 'plan', errors: fieldErrors(parsed.error.issues) });
		const r = await run(() => pilots.updatePlan(locals.app, ctx.actor, ctx, parsed.data), 'plan');
		return r.ok ? { form: 'plan', saved: true } : r.failure;
	},
	points: async ({ locals, params, request, url }) => {
		const ctx = await writer(locals, url, params);
		const raw = pointsFromForm(await request.formData());
		const parsed = pointsSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { form: 'points', errors: fieldErrors(parsed.error.issues) });
		const r = await run(() => pilots.savePoints(locals.app, ctx.actor, ctx, parsed.data.points), 'points');
		return r.ok ? { form: 'points', saved: true } : r.failure;
	},
	value: async ({ locals, params, request, url }) => recordOneFromForm(locals.app, await writer(locals, url, params, 'pilot_values'), await request.formData()),
	csv: async ({ locals, params, request, url }) => csvFromForm(locals.app, await writer(locals, url, params, 'pilot_values'), await request.formData()),
	confirm: async ({ locals, params, request, url }) => {
		const ctx = await writer(locals, url, params, 'pilot_values');
		if (!pilots.isBuyerSide(ctx.actor, ctx)) error(403, 'Du har inte behörighet till detta.');
		const parsed = confirmSchema.safeParse({ valueIds: (await request.formData()).getAll('valueIds').map(String) });
		if (!parsed.success) return fail(400, { form: 'confirm', errors: fieldErrors(parsed.error.issues) });
		const r = await run(() => pilots.confirmValues(locals.app, ctx.actor, ctx, parsed.data.valueIds), 'confirm');
		return r.ok ? { form: 'confirm', confirmed: r.value.confirmed } : r.failure;
	}
};
