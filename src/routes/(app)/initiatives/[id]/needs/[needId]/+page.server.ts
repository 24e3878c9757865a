import { error, fail } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { ApiError } from '#lib/server/http/api.ts';
import * as needs from '#lib/server/needs/index.ts';
import { readNeedForm, sourceKey, validateNeedForm } from '#lib/server/needs/form.ts';
import { sourceOptions } from '#lib/server/needs/sources.ts';
import type { Actions, PageServerLoad } from './$types';

async function context(locals: App.Locals, initiativeId: string, needId: string) {
	const ctx = await needs.needContext(locals.app.db, locals.actor, needId);
	if (!ctx || ctx.need.initiativeId !== initiativeId || !can(locals.actor, 'read', { resource: 'needs', initiative: ctx.initiative })) error(404, 'Finns inte.');
	return ctx;
}

/** One need: why it exists (its sources) and, for the buyer team, the editor. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { need, initiative } = await context(locals, params.id, params.needId);
	const editable = can(locals.actor, 'write', { resource: 'needs', initiative });
	const [sources, options] = await Promise.all([needs.resolveSources(locals.app, need.sources), editable ? sourceOptions(locals.app, params.id) : Promise.resolve([])]);
	return {
		need: needs.toApi(need),
		sources,
		editable,
		options,
		created: url.searchParams.has('created'),
		values: {
			title: need.title,
			statement: need.statement,
			affected: need.affected,
			currentSituation: need.currentSituation,
			baseline: need.baseline,
			desiredEffect: need.desiredEffect,
			priority: need.priority,
			status: need.status,
			movedTo: need.movedTo,
			indicators: need.indicators,
			sources: need.sources.map(sourceKey),
			version: need.version
		}
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const ctx = await context(locals, params.id, params.needId);
		if (locals.actor.kind !== 'user' || !can(locals.actor, 'write', { resource: 'needs', initiative: ctx.initiative })) error(403, 'Du har inte behörighet till detta.');
		const values = readNeedForm(await request.formData());
		const checked = validateNeedForm(values);
		if (checked.errors) return fail(400, { values, errors: checked.errors });
		try {
			const n = await needs.updateNeed(locals.app, locals.actor, ctx.need, { ...checked.input, version: values.version ?? undefined });
			return { saved: true, version: n.version };
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { values, errors: { [err.code === 'invalid_source' ? 'sources' : 'form']: err.message } as Record<string, string> });
			throw err;
		}
	}
};
