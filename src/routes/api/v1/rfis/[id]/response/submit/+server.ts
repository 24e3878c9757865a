import { json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { endpoint } from '#lib/server/http/api.ts';
import { organisations } from '#lib/server/db/schema/index.ts';
import * as rfi from '#lib/server/rfi/index.ts';
import type { RequestHandler } from './$types';

/** Submits the current draft before the answer deadline (409 `deadline_passed` after it). */
export const POST: RequestHandler = endpoint(async ({ locals, params }) => {
	const ctx = await rfi.authorizeRfi(locals, params.id, 'rfi_response', 'write');
	const [org] = await locals.app.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, ctx.actor.organisationId));
	return json(await rfi.submit(locals.app, ctx.actor, ctx, org?.name ?? ''));
});
