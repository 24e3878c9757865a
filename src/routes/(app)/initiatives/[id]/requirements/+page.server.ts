import { error, fail } from '@sveltejs/kit';
import { pageAccess } from '#lib/server/requirements/pages.ts';
import { requirementsDocName } from '#lib/server/requirements/draft.ts';
import * as versions from '#lib/server/requirements/versions.ts';
import { initiativeNeeds } from '#lib/server/requirements/need-links.ts';
import { ApiError } from '#lib/server/http/api.ts';
import { journalled } from '#lib/server/audit/command.ts';
import * as proposals from '#lib/server/requirements/proposals.ts';
import { DecisionBody, ProposalBody, WithdrawBody, type DecisionInput } from '#lib/server/requirements/validation.ts';
import { PROPOSAL_STATUSES, type ProposalStatus } from '#lib/server/db/schema/index.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The status filter of the change proposals (`?proposals=`): one status, or every one; open by default. */
function proposalFilter(url: URL): ProposalStatus | 'all' {
	const v = url.searchParams.get('proposals');
	return v === 'all' || (PROPOSAL_STATUSES as readonly string[]).includes(v ?? '') ? (v as ProposalStatus | 'all') : 'open';
}

/** Runs a proposal command for a form: its refusals become the form's error, keyed to the proposal. */
async function proposalAction(action: string, proposalId: string | null, run: () => Promise<void>) {
	try {
		await run();
		return { proposalAction: action, proposalId, done: true as const };
	} catch (err) {
		if (err instanceof ApiError) return fail(err.status, { proposalAction: action, proposalId, proposalError: err.message });
		throw err;
	}
}

function field(form: FormData, name: string): string | undefined {
	const v = form.get(name);
	return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/** The first problem of a form's fields against one of the API's bodies, as the API would say it. */
function firstIssue(result: { success: boolean; error?: { issues: Array<{ message: string }> } }): string | null {
	return result.success ? null : (result.error?.issues[0]?.message ?? 'Ogiltiga uppgifter.');
}

async function proposalTarget(event: RequestEvent, resource: 'requirement_proposal' | 'requirement_proposal_withdrawal', form: FormData) {
	await pageAccess(event.locals.app.db, event.locals.actor, event.params.id, 'requirements', 'read', event.url.pathname);
	const id = String(form.get('proposalId') ?? '');
	try {
		const { actor, ctx } = await proposals.authorizeProposal(event.locals.app.db, event.locals.actor, id, resource, 'write');
		if (ctx.proposal.initiativeId !== event.params.id.toLowerCase()) error(404, 'Finns inte.');
		return { actor, ctx, id };
	} catch (err) {
		if (err instanceof ApiError) error(err.status, err.message);
		throw err;
	}
}

/** The live requirements editor (content arrives over the socket), the needs to link and the published versions. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.app;
	const { actor, scope, initiative, abilities } = await pageAccess(db, locals.actor, params.id, 'requirements', 'read', url.pathname);
	const needList = abilities.readNeeds ? await initiativeNeeds(db, scope.initiativeId) : [];
	const filter = proposalFilter(url);
	return {
		initiative: { id: initiative.id, title: initiative.title },
		requirementsDoc: requirementsDocName(scope.initiativeId),
		me: { id: actor.userId, name: actor.name },
		requirementAbilities: {
			edit: abilities.editRequirements,
			publish: abilities.publishRequirements,
			readConflicts: abilities.readConflicts,
			linkNeeds: abilities.readNeeds
		},
		needs: needList,
		versions: await versions.listVersions(db, actor, scope.initiativeId),
		proposalFilter: filter,
		proposals: await proposals.listProposals(db, actor, scope, filter === 'all' ? undefined : filter),
		proposalAbilities: { create: abilities.decideProposals }
	};
};

export const actions: Actions = {
	/** Publishes the current draft as the next version (after the confirmation; the policy decides who may). */
	publish: async ({ locals, params, request, url }) => {
		const { db } = locals.app;
		const { actor, scope } = await pageAccess(db, locals.actor, params.id, 'requirement_versions', 'write', url.pathname);
		const form = await request.formData();
		const note = String(form.get('note') ?? '').trim();
		if (note.length > 2000) return fail(400, { publishError: 'Anteckningen får vara högst 2 000 tecken.', note });
		try {
			const v = await versions.publish(locals.app, actor, scope.initiativeId, note || null);
			return { published: { version: v.version, sha256: v.sha256 } };
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { publishError: err.message, note });
			throw err;
		}
	},
	/** Accepts or rejects a change proposal with a reason (the policy decides who may). */
	decideProposal: async (event) => {
		const form = await event.request.formData();
		const parsed = DecisionBody.safeParse({ decision: field(form, 'decision'), reason: field(form, 'reason') });
		const problem = firstIssue(parsed);
		const { actor, ctx, id } = await proposalTarget(event, 'requirement_proposal', form);
		if (problem) return fail(400, { proposalAction: 'decide', proposalId: id, proposalError: problem });
		return proposalAction('decide', id, () => proposals.decideProposal(event.locals.app, actor, ctx, parsed.data as DecisionInput));
	},
	/** The author takes back an open proposal. */
	withdrawProposal: async (event) => {
		const form = await event.request.formData();
		const parsed = WithdrawBody.safeParse({ reason: field(form, 'reason') });
		const { actor, ctx, id } = await proposalTarget(event, 'requirement_proposal_withdrawal', form);
		if (!parsed.success) return fail(400, { proposalAction: 'withdraw', proposalId: id, proposalError: firstIssue(parsed) });
		return proposalAction('withdraw', id, () => proposals.withdrawProposal(event.locals.app, actor, ctx, parsed.data.reason || null));
	},
	/** A change proposal written by the buyer team. */
	propose: async (event) => {
		const { db } = event.locals.app;
		const { actor, scope } = await pageAccess(db, event.locals.actor, event.params.id, 'requirement_proposals', 'write', event.url.pathname);
		const form = await event.request.formData();
		const parsed = ProposalBody.safeParse({ text: field(form, 'text') ?? '', requirementUid: field(form, 'requirementUid') });
		if (!parsed.success) return fail(400, { proposalAction: 'propose', proposalId: null, proposalError: firstIssue(parsed) });
		return proposalAction('propose', null, async () => {
			const requirement = parsed.data.requirementUid ? await proposals.resolveRequirement(event.locals.app, actor, scope, parsed.data.requirementUid) : null;
			await journalled(db, (tx, journal) =>
				proposals.createProposal(event.locals.app, tx, journal, actor, { initiativeId: scope.initiativeId, text: parsed.data.text, requirement, source: { kind: 'manual' } })
			);
		});
	}
};
