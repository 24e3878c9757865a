import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as proposals from '#lib/server/requirements/proposals.ts';
import { WithdrawBody } from '#lib/server/requirements/validation.ts';
import type { RequestHandler } from './$types';

/** The author takes back an open proposal (others who may read it 403; decided 409 `proposal_decided`). */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, ctx } = await proposals.authorizeProposal(locals.app.db, locals.actor, params.id, 'requirement_proposal_withdrawal', 'write');
	const body = await readJson(request, WithdrawBody);
	await proposals.withdrawProposal(locals.app, actor, ctx, body.reason || null);
	return json({ id: ctx.proposal.id, status: 'withdrawn' });
});
