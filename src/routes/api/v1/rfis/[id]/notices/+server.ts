import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import { noticeSchema } from '#lib/server/rfi/validation.ts';
import type { RequestHandler } from './$types';

/** Publishes a notice (e.g. notes from a dialogue meeting) to every supplier of the round (buyer team). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi', 'write');
	const input = await readJson(request, noticeSchema);
	return json(await rfi.publishNotice(locals.app, ctx.actor, ctx, input), { status: 201 });
});
