import { error, fail } from '@sveltejs/kit';
import { decide } from '#lib/server/access/policy.ts';
import { ApiError } from '#lib/server/http/api.ts';
import { sprintContext } from '#lib/server/sprints/access.ts';
import * as live from '#lib/server/sprints/live/index.ts';
import { revealSchema } from '#lib/server/sprints/live/validation.ts';
import type { Actions, PageServerLoad } from './$types';

async function context(locals: App.Locals, sprintId: string, initiativeId: string) {
	const ctx = await sprintContext(locals.app.db, locals.actor, sprintId);
	if (!ctx || ctx.sprint.initiativeId !== initiativeId) error(404, 'Finns inte.');
	const target = { resource: 'sprint' as const, initiative: ctx.initiative, sprint: ctx.scope };
	// The buyer team only: suppliers and observers never see other rooms' solutions.
	if (decide(locals.actor, 'write', target) !== 'ok') error(404, 'Finns inte.');
	return { ctx, target };
}

/** The buyer gallery: every room's solution concepts side by side, by letter. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { ctx, target } = await context(locals, params.sprintId, params.id);
	let gallery: live.Gallery | null = null;
	try {
		live.assertGalleryOpen(ctx);
		gallery = await live.gallery(locals.app, ctx);
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
	}
	return { sprint: { id: ctx.sprint.id, title: ctx.sprint.title }, gallery, canReveal: decide(locals.actor, 'admin', target) === 'ok' };
};

export const actions: Actions = {
	reveal: async ({ locals, params, request }) => {
		const { ctx, target } = await context(locals, params.sprintId, params.id);
		if (decide(locals.actor, 'admin', target) !== 'ok' || locals.actor.kind !== 'user') error(403, 'Du har inte behörighet till detta.');
		const reason = String((await request.formData()).get('reason') ?? '');
		const parsed = revealSchema.safeParse({ reason });
		if (!parsed.success) return fail(400, { reason, error: parsed.error.issues[0].message });
		try {
			live.assertGalleryOpen(ctx);
			await live.revealGallery(locals.app, { ...ctx, actor: locals.actor }, parsed.data.reason);
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { reason, error: err.message });
			throw err;
		}
		return { revealed: true };
	}
};
