import { json } from '@sveltejs/kit';
import { authorize, endpoint, readJson, requireUser } from '#lib/server/http/api.ts';
import * as advisor from '#lib/server/advisor/index.ts';
import { ThresholdBody } from '#lib/server/advisor/validation.ts';
import type { RequestHandler } from './$types';

/** Dated thresholds (every signed-in user reads them). */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'read', { resource: 'thresholds' });
	return json({ thresholds: await advisor.listThresholds(locals.app.db) });
});

/** Adds a threshold (platform administrators). */
export const POST: RequestHandler = endpoint(async ({ locals, request }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'admin', { resource: 'thresholds' });
	const body = await readJson(request, ThresholdBody);
	return json(await advisor.createThreshold(locals.app.db, actor, body), { status: 201 });
});
