/**
 * Requirement change proposals (issue 15): "this requirement should say…" or "a requirement is
 * missing", opened by a finding in a sprint room's log or written by the buyer team, and decided
 * (accepted or rejected, with a reason) by whoever edits the requirements for the contracting
 * authority. Deciding never edits the draft: the requirement authors apply an accepted proposal in
 * the editor themselves, so the authorship ledger keeps recording who writes (rule 1).
 *
 * Rule 3: a proposal from room A is read by the buyer team and by room A's own supplier only
 * (`requirement_proposal` in the policy); observers never read one from a confidential room.
 * Provenance: a supplier organisation that is the source of a proposal is flagged in the conflicts
 * register with the proposal as evidence (`conflicts/index.ts`), never barred.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
	initiatives,
	needs,
	organisations,
	requirementProposals,
	sprintLogEntries,
	sprintRooms,
	sprints,
	users,
	type ProposalStatus
} from '../db/schema/index.ts';
import type { App } from '../app.ts';
import type { Db, Tx } from '../db/index.ts';
import type { Journal } from '../audit/command.ts';
import { journalled } from '../audit/command.ts';
import { can, type Actor, type InitiativeScope, type ProposalResource, type ProposalScope, type Target, type UserActor } from '../access/policy.ts';
import { initiativeScope, isUuid } from '../access/scope.ts';
import { attribution } from '../access/people.ts';
import { ApiError, authorize, notFound, requireUser } from '../http/api.ts';
import { buyerTeamUserIds } from '../market/recipients.ts';
import { notify, registerNotification } from '../notifications/index.ts';
import { readDraft } from './draft.ts';
import { getVersion } from './versions.ts';

export type Proposal = typeof requirementProposals.$inferSelect;

/** Where a new proposal comes from. */
export type NewProposalSource = { kind: 'manual' } | { kind: 'sprint_finding'; findingId: string; roomId: string; sprintId: string };

export interface NewProposal {
	initiativeId: string;
	text: string;
	/** The requirement it changes (resolved by `resolveRequirement`), or null for a new requirement. */
	requirement: { uid: string; key: string } | null;
	source: NewProposalSource;
}

export const proposalDecided = () => new ApiError(409, 'proposal_decided', 'Förslaget är redan avgjort.');

registerNotification('requirements.proposal_created', {
	sv: (d) => ({ title: `Förslag till kravändring: ${d.title}`, body: d.fromSprint ? 'En lärdom i en sprintlogg föreslår en ändring av kraven. Avgör förslaget under Ändringsförslag på kravsidan.' : 'Ett nytt förslag till kravändring väntar på beslut under Ändringsförslag på kravsidan.' }),
	en: (d) => ({ title: `Requirements change proposed: ${d.title}`, body: d.fromSprint ? 'A finding in a sprint log proposes a change to the requirements. Decide it under Change proposals on the requirements page.' : 'A new requirements change proposal awaits a decision under Change proposals on the requirements page.' })
});
registerNotification('requirements.proposal_decided', {
	sv: (d) => ({ title: `Ditt förslag till kravändring är ${d.decision === 'accepted' ? 'godtaget' : 'avslaget'}`, body: `Motivering: ${d.reason}` }),
	en: (d) => ({ title: `Your requirements change proposal was ${d.decision === 'accepted' ? 'accepted' : 'rejected'}`, body: `Reason: ${d.reason}` })
});

/** Where a requirement's proposals are decided (and where the author of an accepted one applies it). */
export function proposalLink(initiativeId: string, proposalId: string): string {
	return `/initiatives/${initiativeId}/requirements?proposals=all#proposal-${proposalId}`;
}

/**
 * The requirement a proposal refers to, by uid or visible key ("K3"), among the requirements the
 * caller may read: the draft for those who read the requirements, otherwise (a sprint room's
 * supplier) the published version the sprint works from. Unknown → 400 `unknown_requirement`, the
 * same answer whether it is missing or merely unreadable to the caller.
 */
export async function resolveRequirement(
	app: App,
	viewer: Actor,
	initiative: InitiativeScope,
	ref: string,
	sprintVersion: number | null = null
): Promise<{ uid: string; key: string }> {
	const wanted = ref.trim();
	let list: Array<{ uid: string; id: string }> = [];
	if (can(viewer, 'read', { resource: 'requirements', initiative })) list = (await readDraft(app, initiative.initiativeId)).requirements;
	else if (sprintVersion) list = (await getVersion(app.db, viewer, initiative.initiativeId, sprintVersion))?.requirements ?? [];
	const hit = list.find((r) => r.uid === wanted || r.id.toLowerCase() === wanted.toLowerCase());
	if (!hit) throw new ApiError(400, 'unknown_requirement', 'Kravet finns inte i kravställningen. Ange kravets nummer, till exempel K3.');
	return { uid: hit.uid, key: hit.id };
}

/**
 * Records a proposal inside the caller's transaction (the finding that opens it commits with it),
 * journals it and tells the buyer team. The author's organisation becomes provenance through the
 * conflicts register, which reads this table.
 */
export async function createProposal(app: App, tx: Tx, journal: Journal, actor: UserActor, input: NewProposal): Promise<{ id: string }> {
	const src = input.source;
	const [row] = await tx
		.insert(requirementProposals)
		.values({
			initiativeId: input.initiativeId,
			requirementUid: input.requirement?.uid ?? null,
			requirementKey: input.requirement?.key ?? null,
			text: input.text,
			sourceKind: src.kind,
			...(src.kind === 'sprint_finding' ? { findingId: src.findingId, roomId: src.roomId, sprintId: src.sprintId } : {}),
			createdBy: actor.userId,
			createdAt: app.clock.now()
		})
		.returning({ id: requirementProposals.id });
	await journal({
		initiativeId: input.initiativeId,
		actor: { userId: actor.userId, label: actor.name },
		action: 'requirements.proposal_created',
		data: {
			proposalId: row.id,
			requirementUid: input.requirement?.uid ?? null,
			requirementKey: input.requirement?.key ?? null,
			source: src.kind,
			...(src.kind === 'sprint_finding' ? { sprintId: src.sprintId, roomId: src.roomId, findingId: src.findingId } : {})
		}
	});
	const [ini] = await tx.select({ title: initiatives.title }).from(initiatives).where(eq(initiatives.id, input.initiativeId)).limit(1);
	await notify(app, tx, {
		userIds: (await buyerTeamUserIds(tx, input.initiativeId)).filter((id) => id !== actor.userId),
		kind: 'requirements.proposal_created',
		data: { title: ini?.title ?? '', fromSprint: src.kind === 'sprint_finding' },
		link: proposalLink(input.initiativeId, row.id)
	});
	return row;
}

/** A proposal with what the policy needs to know about it for one actor. */
export interface ProposalContext {
	proposal: Proposal;
	initiative: InitiativeScope;
	scope: ProposalScope;
}

interface ScopeFacts {
	proposalId: string;
	createdBy: string;
	authorOrgId: string | null;
	roomOrgId: string | null;
	roomConfidential: boolean | null;
}

function scopeOf(actor: Actor, f: ScopeFacts): ProposalScope {
	const user = actor.kind === 'user' ? actor : null;
	return {
		proposalId: f.proposalId,
		ownSource: !!user && (f.roomOrgId === user.organisationId || f.authorOrgId === user.organisationId),
		author: !!user && f.createdBy === user.userId,
		confidentialRoom: f.roomConfidential === true
	};
}

export function proposalTarget(ctx: ProposalContext, resource: ProposalResource = 'requirement_proposal'): Target {
	return { resource, initiative: ctx.initiative, proposal: ctx.scope };
}

/** The proposal as the policy sees it for this actor; null when it does not exist (or the id is malformed). */
export async function proposalContext(db: Db, actor: Actor, proposalId: string): Promise<ProposalContext | null> {
	if (!isUuid(proposalId)) return null;
	const [row] = await db
		.select({ proposal: requirementProposals, authorOrgId: users.organisationId, roomOrgId: sprintRooms.organisationId, roomConfidential: sprintRooms.confidential })
		.from(requirementProposals)
		.innerJoin(users, eq(users.id, requirementProposals.createdBy))
		.leftJoin(sprintRooms, eq(sprintRooms.id, requirementProposals.roomId))
		.where(eq(requirementProposals.id, proposalId.toLowerCase()))
		.limit(1);
	if (!row) return null;
	const initiative = await initiativeScope(db, actor, row.proposal.initiativeId);
	if (!initiative) return null;
	return { proposal: row.proposal, initiative, scope: scopeOf(actor, { ...row, proposalId: row.proposal.id, createdBy: row.proposal.createdBy }) };
}

/** Loads and authorises one proposal: 401 anonymous, 404 when the caller may not know it, 403 when they may read but not do this. */
export async function authorizeProposal(db: Db, anyActor: Actor, proposalId: string | undefined, resource: ProposalResource, action: 'read' | 'write') {
	const actor = requireUser(anyActor);
	const ctx = await proposalContext(db, actor, proposalId ?? '');
	if (!ctx) throw notFound();
	authorize(actor, 'read', proposalTarget(ctx));
	authorize(actor, action, proposalTarget(ctx, resource));
	return { actor, ctx };
}

/**
 * Who may list an initiative's proposals at all: whoever reads them on the buyer side, and a
 * supplier with a room in one of the initiative's sprints (it then sees its own only). Everyone
 * else is told the initiative does not exist.
 */
export async function authorizeList(db: Db, anyActor: Actor, initiativeId: string | undefined): Promise<{ actor: UserActor; scope: InitiativeScope }> {
	const actor = requireUser(anyActor);
	const scope = initiativeId ? await initiativeScope(db, actor, initiativeId) : null;
	if (!scope) throw notFound();
	if (can(actor, 'read', { resource: 'requirement_proposals', initiative: scope })) return { actor, scope };
	if (actor.organisationKind === 'supplier') {
		const [room] = await db
			.select({ id: sprintRooms.id })
			.from(sprintRooms)
			.innerJoin(sprints, eq(sprints.id, sprintRooms.sprintId))
			.where(and(eq(sprints.initiativeId, scope.initiativeId), eq(sprintRooms.organisationId, actor.organisationId)))
			.limit(1);
		if (room || scope.membership) return { actor, scope };
	}
	throw notFound();
}

/** One proposal as the API answers it (`GET /api/v1/initiatives/{id}/requirement-proposals`). */
export interface ProposalView {
	id: string;
	requirementUid: string | null;
	requirementKey: string | null;
	text: string;
	status: ProposalStatus;
	source: { kind: 'sprint_finding' | 'manual'; sprintId?: string; roomId?: string; findingId?: string };
	author: { id: string; name: string };
	createdAt: string;
	decidedAt?: string;
	reason?: string;
}

/** What the requirements page adds for the buyer team: the trace back and what the viewer may do. */
export interface ProposalDetail extends ProposalView {
	/** The sprint and room letter (buyer side only: a letter stands for a supplier). */
	origin: { sprintTitle: string; letter: string; roomId: string } | null;
	/** The finding that opened it and the needs it links back to (with the number of workshop cards behind each). */
	finding: { text: string; needs: Array<{ id: string; title: string; cards: number }> } | null;
	decidedBy: { id: string; name: string } | null;
	mayDecide: boolean;
	mayWithdraw: boolean;
}

/**
 * The proposals of an initiative that `viewer` may read, oldest first, optionally one status.
 * Each row is asked of the policy on its own: a supplier gets only those its organisation is the
 * source of, an observer none from a confidential room.
 */
export async function listProposals(db: Db, viewer: Actor, scope: InitiativeScope, status?: ProposalStatus): Promise<ProposalDetail[]> {
	const rows = await db
		.select({
			proposal: requirementProposals,
			authorName: users.name,
			authorOrgId: users.organisationId,
			authorOrgKind: organisations.kind,
			roomOrgId: sprintRooms.organisationId,
			roomConfidential: sprintRooms.confidential,
			letter: sprintRooms.letter,
			sprintTitle: sprints.title,
			findingText: sprintLogEntries.text,
			findingNeeds: sprintLogEntries.needIds
		})
		.from(requirementProposals)
		.innerJoin(users, eq(users.id, requirementProposals.createdBy))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.leftJoin(sprintRooms, eq(sprintRooms.id, requirementProposals.roomId))
		.leftJoin(sprints, eq(sprints.id, requirementProposals.sprintId))
		.leftJoin(sprintLogEntries, eq(sprintLogEntries.id, requirementProposals.findingId))
		.where(status ? and(eq(requirementProposals.initiativeId, scope.initiativeId), eq(requirementProposals.status, status)) : eq(requirementProposals.initiativeId, scope.initiativeId))
		.orderBy(asc(requirementProposals.createdAt), asc(requirementProposals.id));
	const visible = rows
		.map((r) => ({ r, ctx: { proposal: r.proposal, initiative: scope, scope: scopeOf(viewer, { ...r, proposalId: r.proposal.id, createdBy: r.proposal.createdBy }) } }))
		.filter(({ ctx }) => can(viewer, 'read', proposalTarget(ctx)));
	const buyerSide = viewer.kind === 'user' && viewer.organisationKind === 'buyer';
	const needIds = [...new Set(visible.flatMap(({ r }) => r.findingNeeds ?? []))];
	const needRows = needIds.length
		? await db
				.select({ id: needs.id, title: needs.title, sources: needs.sources })
				.from(needs)
				.where(and(eq(needs.initiativeId, scope.initiativeId), inArray(needs.id, needIds)))
		: [];
	const needById = new Map(needRows.map((n) => [n.id, { id: n.id, title: n.title, cards: n.sources.filter((s) => s.cardId).length }]));
	const deciderIds = [...new Set(visible.map(({ r }) => r.proposal.decidedBy).filter((id): id is string => !!id))];
	const deciders = deciderIds.length
		? await db
				.select({ id: users.id, name: users.name, orgId: organisations.id, orgKind: organisations.kind })
				.from(users)
				.innerJoin(organisations, eq(organisations.id, users.organisationId))
				.where(inArray(users.id, deciderIds))
		: [];
	return visible.map(({ r, ctx }) => {
		const p = r.proposal;
		const decider = deciders.find((d) => d.id === p.decidedBy);
		return {
			id: p.id,
			requirementUid: p.requirementUid,
			requirementKey: p.requirementKey,
			text: p.text,
			status: p.status,
			source:
				p.sourceKind === 'sprint_finding'
					? { kind: 'sprint_finding' as const, ...(p.sprintId ? { sprintId: p.sprintId } : {}), ...(p.roomId ? { roomId: p.roomId } : {}), ...(p.findingId ? { findingId: p.findingId } : {}) }
					: { kind: 'manual' as const },
			author: attribution(viewer, { id: p.createdBy, name: r.authorName }, { id: r.authorOrgId, kind: r.authorOrgKind }),
			createdAt: p.createdAt.toISOString(),
			...(p.decidedAt ? { decidedAt: p.decidedAt.toISOString() } : {}),
			...(p.reason ? { reason: p.reason } : {}),
			origin: buyerSide && p.roomId && r.letter && r.sprintTitle ? { sprintTitle: r.sprintTitle, letter: r.letter, roomId: p.roomId } : null,
			finding: r.findingText !== null ? { text: r.findingText, needs: (r.findingNeeds ?? []).flatMap((id) => (needById.has(id) ? [needById.get(id)!] : [])) } : null,
			decidedBy: decider ? attribution(viewer, { id: decider.id, name: decider.name }, { id: decider.orgId, kind: decider.orgKind }) : null,
			mayDecide: p.status === 'open' && can(viewer, 'write', proposalTarget(ctx)),
			mayWithdraw: p.status === 'open' && can(viewer, 'write', proposalTarget(ctx, 'requirement_proposal_withdrawal'))
		};
	});
}

/** The API's view of a proposal: the contract's fields only (the page's extras stay on the page). */
export function apiView(p: ProposalDetail): ProposalView {
	const { origin: _o, finding: _f, decidedBy: _d, mayDecide: _m, mayWithdraw: _w, ...view } = p;
	return view;
}

/** The proposal of each of these sprint log findings, as the viewer of the room sees it (status only). */
export async function proposalsOfFindings(db: Db | Tx, findingIds: string[]): Promise<Map<string, { id: string; status: ProposalStatus; requirementKey: string | null; text: string }>> {
	if (!findingIds.length) return new Map();
	const rows = await db
		.select({ id: requirementProposals.id, findingId: requirementProposals.findingId, status: requirementProposals.status, requirementKey: requirementProposals.requirementKey, text: requirementProposals.text })
		.from(requirementProposals)
		.where(inArray(requirementProposals.findingId, findingIds));
	return new Map(rows.map((r) => [r.findingId!, { id: r.id, status: r.status, requirementKey: r.requirementKey, text: r.text }]));
}

async function settle(
	app: App,
	actor: UserActor,
	ctx: ProposalContext,
	status: Exclude<ProposalStatus, 'open'>,
	reason: string | null,
	after?: (tx: Tx, p: Proposal) => Promise<void>
): Promise<void> {
	await journalled(app.db, async (tx, journal) => {
		const [p] = await tx.select().from(requirementProposals).where(eq(requirementProposals.id, ctx.proposal.id)).for('update');
		if (!p || p.status !== 'open') throw proposalDecided();
		const now = app.clock.now();
		await tx.update(requirementProposals).set({ status, reason, decidedBy: actor.userId, decidedAt: now }).where(eq(requirementProposals.id, p.id));
		await journal({
			initiativeId: p.initiativeId,
			actor: { userId: actor.userId, label: actor.name },
			action: `requirements.proposal_${status}`,
			data: { proposalId: p.id, requirementUid: p.requirementUid, requirementKey: p.requirementKey, source: p.sourceKind, reason }
		});
		await after?.(tx, p);
	});
}

/**
 * Accepts or rejects an open proposal with a reason (409 `proposal_decided` once decided; the
 * row is locked so two deciders never both succeed). The author hears of it. Accepting does not
 * touch the requirements draft.
 */
export async function decideProposal(app: App, actor: UserActor, ctx: ProposalContext, input: { decision: 'accepted' | 'rejected'; reason: string }): Promise<void> {
	await settle(app, actor, ctx, input.decision, input.reason, async (tx, p) => {
		if (p.createdBy === actor.userId) return;
		const supplierRoom = p.roomId && !(await buyerTeamUserIds(tx, p.initiativeId)).includes(p.createdBy);
		await notify(app, tx, {
			userIds: [p.createdBy],
			kind: 'requirements.proposal_decided',
			data: { decision: input.decision, reason: input.reason },
			link: supplierRoom ? `/sprints/${p.roomId}` : proposalLink(p.initiativeId, p.id)
		});
	});
}

/** The author takes back an open proposal (409 `proposal_decided` once it is decided). */
export async function withdrawProposal(app: App, actor: UserActor, ctx: ProposalContext, reason: string | null): Promise<void> {
	await settle(app, actor, ctx, 'withdrawn', reason);
}
