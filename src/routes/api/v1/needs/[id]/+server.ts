import { json } from '@sveltejs/kit';
import { authorize, endpoint, readJson, requireUser } from '#lib/server/http/api.ts';
import * as needs from '#lib/server/needs/index.ts';
import { patchNeedSchema } from '#lib/server/needs/validation.ts';
import type { RequestHandler } from './$types';

/** One need with its sources resolved to the cards and groups they point at. */
export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const id = params.id ?? '';
	const ctx = await needs.needContext(locals.app.db, locals.actor, id);
	authorize(locals.actor, 'read', ctx && { resource: 'needs', initiative: ctx.initiative });
	return json(needs.toApi(ctx!.need, await needs.resolveSources(locals.app, ctx!.need.sources)));
});

/** Changes a need (buyer team); send `version` to refuse overwriting a newer edit. */
export const PATCH: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const id = params.id ?? '';
	const ctx = await needs.needContext(locals.app.db, locals.actor, id);
	authorize(locals.actor, 'write', ctx && { resource: 'needs', initiative: ctx.initiative });
	const user = requireUser(locals.actor);
	const patch = await readJson(request, patchNeedSchema);
	const n = await needs.updateNeed(locals.app, user, ctx!.need, patch);
	return json(needs.toApi(n, await needs.resolveSources(locals.app, n.sources)));
});
