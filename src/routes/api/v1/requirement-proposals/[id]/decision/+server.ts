import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import * as proposals from '#lib/server/requirements/proposals.ts';
import { DecisionBody, type DecisionInput } from '#lib/server/requirements/validation.ts';
import type { RequestHandler } from './$types';

/**
 * Accepts or rejects a proposal with a reason: whoever edits the requirements for the contracting
 * authority (the process leader and the team). Others who may read it 403, the rest 404; the reason
 * is required (400 `reason_required`), a decided proposal answers 409 `proposal_decided`.
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const { actor, ctx } = await proposals.authorizeProposal(locals.app.db, locals.actor, params.id, 'requirement_proposal', 'write');
	const body = (await readJson(request, DecisionBody)) as DecisionInput;
	await proposals.decideProposal(locals.app, actor, ctx, body);
	return json({ id: ctx.proposal.id, status: body.decision });
});
