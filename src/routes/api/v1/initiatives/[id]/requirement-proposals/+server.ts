import { json } from '@sveltejs/kit';
import { ApiError, endpoint, notFound, readJson } from '#lib/server/http/api.ts';
import { authorizeIn } from '#lib/server/requirements/access.ts';
import * as proposals from '#lib/server/requirements/proposals.ts';
import { ProposalBody } from '#lib/server/requirements/validation.ts';
import { PROPOSAL_STATUSES, type ProposalStatus } from '#lib/server/db/schema/index.ts';
import { journalled } from '#lib/server/audit/command.ts';
import * as sprints from '#lib/server/sprints/index.ts';
import type { RequestHandler } from './$types';

/**
 * Requirement change proposals of an initiative. The buyer team reads them all (observers none
 * from a confidential room); a supplier with a room in one of the initiative's sprints reads only
 * those its organisation is the source of; anyone else 404. `?status=` narrows to one status.
 */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const { actor, scope } = await proposals.authorizeList(locals.app.db, locals.actor, params.id);
	const status = url.searchParams.get('status');
	if (status !== null && !(PROPOSAL_STATUSES as readonly string[]).includes(status)) {
		throw new ApiError(400, 'invalid_status', 'status är open, accepted, rejected eller withdrawn.');
	}
	const list = await proposals.listProposals(locals.app.db, actor, scope, (status as ProposalStatus | null) ?? undefined);
	return json({ proposals: list.map(proposals.apiView) });
});

/**
 * Opens a proposal. With `findingId`: from that finding of a sprint room of this initiative, for
 * whoever writes in the room (its supplier included); without: written by the buyer team
 * (`requirement_proposals` write).
 */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const db = locals.app.db;
	// Who may not know the initiative (or its proposals) exists is told so before the body is read.
	await proposals.authorizeList(db, locals.actor, params.id);
	const body = await readJson(request, ProposalBody);
	if (body.findingId) {
		const roomId = await sprints.findingRoomId(db, body.findingId);
		if (!roomId) throw notFound();
		const ctx = await sprints.authorizeRoom(locals, roomId, 'sprint_room', 'write');
		if (ctx.sprint.initiativeId !== params.id?.toLowerCase()) throw notFound();
		const created = await sprints.proposeFromFinding(locals.app, ctx.actor, ctx, body.findingId, { text: body.text, requirementUid: body.requirementUid });
		return json(created, { status: 201 });
	}
	const { actor, scope } = await authorizeIn(db, locals.actor, params.id, 'requirement_proposals', 'write');
	const requirement = body.requirementUid ? await proposals.resolveRequirement(locals.app, actor, scope, body.requirementUid) : null;
	const created = await journalled(db, (tx, journal) =>
		proposals.createProposal(locals.app, tx, journal, actor, { initiativeId: scope.initiativeId, text: body.text, requirement, source: { kind: 'manual' } })
	);
	return json(created, { status: 201 });
});
