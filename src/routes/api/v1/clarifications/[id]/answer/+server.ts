import { json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { endpoint, notFound, readJson } from '#lib/server/http/api.ts';
import { isUuid } from '#lib/server/access/scope.ts';
import { rfiClarifications } from '#lib/server/db/schema/index.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import { clarificationAnswerSchema } from '#lib/server/rfi/validation.ts';
import type { RequestHandler } from './$types';

/** Answers a question and publishes it to every supplier of the round at once, without the asker (buyer team). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const id = params.id ?? '';
	if (!isUuid(id)) throw notFound();
	const [c] = await locals.app.db.select({ rfiId: rfiClarifications.rfiId }).from(rfiClarifications).where(eq(rfiClarifications.id, id));
	const ctx = await rfi.authorizeRfi(locals, c?.rfiId, 'rfi', 'write');
	const input = await readJson(request, clarificationAnswerSchema);
	return json(await rfi.answerClarification(locals.app, ctx.actor, ctx, id, input));
});
