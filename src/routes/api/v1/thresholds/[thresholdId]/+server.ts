import { json } from '@sveltejs/kit';
import { authorize, endpoint, notFound, readJson, requireUser } from '#lib/server/http/api.ts';
import * as advisor from '#lib/server/advisor/index.ts';
import { ThresholdBody } from '#lib/server/advisor/validation.ts';
import type { RequestHandler } from './$types';

function idOf(s: string | undefined): number {
	if (!s || !/^[1-9]\d{0,15}$/.test(s)) throw notFound();
	return Number(s);
}

/** Replaces a threshold (platform administrators). */
export const PUT: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'admin', { resource: 'thresholds' });
	const id = idOf(params.thresholdId);
	const body = await readJson(request, ThresholdBody);
	const row = await advisor.updateThreshold(locals.app.db, actor, id, body);
	if (!row) throw notFound();
	return json(row);
});

export const DELETE: RequestHandler = endpoint(async ({ locals, params }) => {
	const actor = requireUser(locals.actor);
	authorize(actor, 'admin', { resource: 'thresholds' });
	if (!(await advisor.deleteThreshold(locals.app.db, actor, idOf(params.thresholdId)))) throw notFound();
	return new Response(null, { status: 204 });
});
