/**
 * Tender rounds as the caller may see them. Before the opening nothing here reads a tender or
 * counts them: the buyer side sees the round, its criteria and the opening approvals; a supplier
 * sees the round and its own organisation's receipt. After the opening the buyer team (each
 * evaluator after their declaration) reads the tenders, the protocol and the ranking; after the
 * award, everyone admitted reads the public version.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { initiatives, memberships, organisations, supplierInvitations, supplierParticipants, tenderConfidentialityDecisions, tenderConflictCases, tenderDeclarations, tenderQualifications, tenderScores, tenderSubmissions, tenders, users } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { App } from '../app.ts';
import type { Actor, UserActor } from '../access/policy.ts';
import * as audit from '../audit/index.ts';
import { computeRegister } from '../conflicts/index.ts';
import type { Tender, TenderContext } from './access.ts';
import { verifySubmissions, type OpenedSubmission } from './content.ts';
import { eligibilityOf } from './eligibility.ts';
import { rank } from './ranking.ts';
import { getVersion, versionText } from '../requirements/versions.ts';

export type TenderStatus = 'draft' | 'published' | 'closed' | 'opened' | 'awarded' | 'contract_signed';

export function statusOf(t: Tender, now: Date): TenderStatus {
	if (t.contractSignedAt) return 'contract_signed';
	if (t.awardedAt) return 'awarded';
	if (t.openedAt) return 'opened';
	if (!t.publishedAt) return 'draft';
	return now.getTime() >= t.deadline.getTime() ? 'closed' : 'published';
}

async function buyerName(db: Db, initiativeId: string): Promise<string> {
	const [row] = await db
		.select({ name: organisations.name })
		.from(initiatives)
		.innerJoin(users, eq(users.id, initiatives.createdBy))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(initiatives.id, initiativeId))
		.limit(1);
	return row?.name ?? '';
}

function common(t: Tender, buyer: string, now: Date) {
	return {
		id: t.id,
		initiativeId: t.initiativeId,
		title: t.title,
		buyer,
		status: statusOf(t, now),
		open: t.open,
		requirementsVersion: t.requirementsVersion,
		deadline: t.deadline.toISOString(),
		publishedAt: t.publishedAt?.toISOString() ?? null,
		criteria: t.criteria,
		notices: t.notices,
		openedAt: t.openedAt?.toISOString() ?? null,
		awardedAt: t.awardedAt?.toISOString() ?? null,
		standstillEndsAt: t.standstillEndsAt?.toISOString() ?? null,
		contractSignedAt: t.contractSignedAt?.toISOString() ?? null
	};
}

/** The rounds the caller may see: the buyer team's own; for suppliers, published rounds open to them. */
export async function listForActor(db: Db, actor: Actor, now: Date, filter: { initiativeId?: string } = {}) {
	if (actor.kind !== 'user') return [];
	if (actor.organisationKind === 'supplier') {
		const admitted = db
			.select({ id: supplierParticipants.subjectId })
			.from(supplierParticipants)
			.where(and(eq(supplierParticipants.subjectKind, 'tender'), eq(supplierParticipants.organisationId, actor.organisationId)));
		const rows = await db
			.select()
			.from(tenders)
			.where(and(isNotNull(tenders.publishedAt), or(eq(tenders.open, true), inArray(tenders.id, admitted)), filter.initiativeId ? eq(tenders.initiativeId, filter.initiativeId) : undefined))
			.orderBy(desc(tenders.publishedAt));
		return Promise.all(rows.map(async (t) => common(t, await buyerName(db, t.initiativeId), now)));
	}
	const rows = await db
		.select({ tender: tenders })
		.from(tenders)
		.innerJoin(memberships, and(eq(memberships.initiativeId, tenders.initiativeId), eq(memberships.userId, actor.userId)))
		.where(filter.initiativeId ? eq(tenders.initiativeId, filter.initiativeId) : undefined)
		.orderBy(desc(tenders.createdAt));
	return Promise.all(rows.map(async ({ tender }) => common(tender, await buyerName(db, tender.initiativeId), now)));
}

/** When the organisation submitted its current tender in each round (receipts only, never content). */
export async function receiptsOf(db: Db, organisationId: string): Promise<Map<string, string>> {
	const rows = await db.select({ tenderId: tenderSubmissions.tenderId, receivedAt: tenderSubmissions.receivedAt }).from(tenderSubmissions).where(eq(tenderSubmissions.organisationId, organisationId));
	return new Map(rows.map((r) => [r.tenderId, r.receivedAt.toISOString()]));
}

/**
 * The requirements version the tenders answer to: the requirements with their hash, not who wrote
 * or published them and not the need ids (the needs register is the buyer team's).
 */
export async function tenderDocuments(db: Db, viewer: Actor, t: Tender) {
	const v = await getVersion(db, viewer, t.initiativeId, t.requirementsVersion);
	const text = await versionText(db, t.initiativeId, t.requirementsVersion);
	if (!v || !text) return null;
	return { version: v.version, sha256: text.sha256, publishedAt: v.publishedAt, sections: v.sections, requirements: v.requirements.map(({ needIds: _needs, ...r }) => r) };
}

/** One round as the caller may see it. Never a count of tenders before the opening. */
export async function tenderView(db: Db, ctx: TenderContext, actor: UserActor, now: Date) {
	const t = ctx.tender;
	const base = { ...common(t, await buyerName(db, t.initiativeId), now), requirements: await tenderDocuments(db, actor, t) };
	if (actor.organisationKind === 'supplier') {
		const [mine] = await db
			.select({ id: tenderSubmissions.id, receivedAt: tenderSubmissions.receivedAt, sha256: tenderSubmissions.sha256 })
			.from(tenderSubmissions)
			.where(and(eq(tenderSubmissions.tenderId, t.id), eq(tenderSubmissions.organisationId, actor.organisationId)))
			.limit(1);
		return {
			...base,
			receipt: mine ? { id: mine.id, receivedAt: mine.receivedAt.toISOString(), sha256: mine.sha256 } : null,
			awarded: t.awardedAt ? { mine: !!mine && t.awardedSubmissionId === mine.id } : null
		};
	}
	const people = await db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(inArray(users.id, t.openers.length ? t.openers : ['00000000-0000-0000-0000-000000000000']));
	return {
		...base,
		openers: t.openers.map((id) => ({ id, name: people.find((p) => p.id === id)?.name ?? '' })),
		openingApprovals: t.openingApprovals,
		declared: ctx.scope.declared,
		awardedSubmissionId: t.openedAt ? t.awardedSubmissionId : null,
		awardMotivation: t.awardMotivation
	};
}

/** The opening protocol: time, openers, every tender with its receipt hash re-checked, the sealed journal. */
export async function openingProtocol(app: App, ctx: TenderContext, opened?: OpenedSubmission[]) {
	const t = ctx.tender;
	const people = await app.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, t.openingApprovals.map((a) => a.userId)));
	const list = opened ?? (await verifySubmissions(app, app.db, t));
	return {
		tenderId: t.id,
		title: t.title,
		deadline: t.deadline.toISOString(),
		openedAt: t.openedAt!.toISOString(),
		openers: t.openingApprovals.map((a) => ({ id: a.userId, name: people.find((p) => p.id === a.userId)?.name ?? '', approvedAt: a.at })),
		tenders: list.map(({ content: _c, ...s }) => s),
		/** Submissions and withdrawals as journalled while the round was sealed. */
		sealedJournal: await audit.list(app.db, t.id)
	};
}

/** The authority's assessments of the round's confidentiality requests, by submission and index. */
async function confidentialityDecisions(db: Db, submissionIds: string[]) {
	if (!submissionIds.length) return new Map<string, { granted: boolean; reason: string; decidedAt: string }>();
	const rows = await db.select().from(tenderConfidentialityDecisions).where(inArray(tenderConfidentialityDecisions.submissionId, submissionIds));
	return new Map(rows.map((r) => [`${r.submissionId}:${r.index}`, { granted: r.granted, reason: r.reason, decidedAt: r.decidedAt.toISOString() }]));
}

/**
 * Every tender's content, for the buyer team after the opening and the reader's declaration.
 * The protocol, this list and the ranking take `opened` (one `verifySubmissions` of the round) so
 * that a page showing all three decrypts every tender once.
 */
export async function submissionsForBuyer(app: App, ctx: TenderContext, opened?: OpenedSubmission[]) {
	const subs = opened ?? (await verifySubmissions(app, app.db, ctx.tender));
	const decisions = await confidentialityDecisions(app.db, subs.map((s) => s.receiptId));
	return subs.map((s) => ({
		id: s.receiptId,
		organisation: s.organisation,
		receivedAt: s.receivedAt,
		sha256: s.sha256,
		hashVerified: s.hashVerified,
		priceSek: s.content?.priceSek ?? null,
		answers: s.content?.answers ?? [],
		confidentiality: (s.content?.confidentiality ?? []).map((c, index) => ({ ...c, index, decision: decisions.get(`${s.receiptId}:${index}`) ?? null }))
	}));
}

/** The qualification recorded for each tender of the round (kvalificering), with who decided. */
export async function qualifications(db: Db, tenderId: string) {
	const rows = await db
		.select({ submissionId: tenderQualifications.submissionId, qualified: tenderQualifications.qualified, reason: tenderQualifications.reason, decidedAt: tenderQualifications.decidedAt, userId: users.id, name: users.name })
		.from(tenderQualifications)
		.innerJoin(users, eq(users.id, tenderQualifications.decidedBy))
		.where(eq(tenderQualifications.tenderId, tenderId));
	return rows.map((r) => ({ submissionId: r.submissionId, qualified: r.qualified, reason: r.reason, decidedAt: r.decidedAt.toISOString(), decidedBy: { id: r.userId, name: r.name } }));
}

/**
 * Weighted totals, price points by formula, mean and consensus per quality criterion; ties shown.
 * Tenders recorded as not qualified are left out (listed in `excluded`), also from the lowest
 * price the price points are computed against.
 */
export async function ranking(app: App, ctx: TenderContext, opened?: OpenedSubmission[]) {
	const all = opened ?? (await verifySubmissions(app, app.db, ctx.tender));
	const notQualified = new Set((await qualifications(app.db, ctx.tender.id)).filter((q) => !q.qualified).map((q) => q.submissionId));
	const subs = all.filter((s) => !notQualified.has(s.receiptId));
	const scores = await app.db
		.select({ submissionId: tenderScores.submissionId, criterionId: tenderScores.criterionId, userId: tenderScores.userId, score: tenderScores.score, motivation: tenderScores.motivation, name: users.name })
		.from(tenderScores)
		.innerJoin(users, eq(users.id, tenderScores.userId))
		.where(eq(tenderScores.tenderId, ctx.tender.id))
		.orderBy(asc(users.name));
	const ranked = rank({ criteria: ctx.tender.criteria, submissions: subs.map((s) => ({ id: s.receiptId, priceSek: s.content?.priceSek ?? 0 })), scores });
	return {
		criteria: ctx.tender.criteria,
		excluded: all.filter((s) => notQualified.has(s.receiptId)).map((s) => ({ submissionId: s.receiptId, organisation: s.organisation })),
		ranking: ranked.map((r) => {
			const s = subs.find((x) => x.receiptId === r.submissionId)!;
			return {
				...r,
				organisation: s.organisation,
				priceSek: s.content?.priceSek ?? null,
				criteria: r.criteria.map((c) => ({
					...c,
					evaluations: scores.filter((x) => x.submissionId === r.submissionId && x.criterionId === c.criterionId).map((x) => ({ user: { id: x.userId, name: x.name }, score: x.score, motivation: x.motivation }))
				}))
			};
		})
	};
}

export const confidentialityMarker = (c: { what: string; why: string }) => `[Sekretess begärd av leverantören – ${c.what}. Skäl: ${c.why}]`;

/**
 * The public version after the award (rule 4): every tender with the parts under a granted
 * confidentiality request replaced by a marker naming what and why. A request the authority
 * denied is not masked; one not yet assessed is masked until it is (the authority makes the
 * secrecy assessment, OSL 31:16, at the latest when someone asks for the document).
 */
export async function publicVersion(app: App, ctx: TenderContext) {
	const subs = await verifySubmissions(app, app.db, ctx.tender);
	const decisions = await confidentialityDecisions(app.db, subs.map((s) => s.receiptId));
	return {
		tenderId: ctx.tender.id,
		title: ctx.tender.title,
		awardedAt: ctx.tender.awardedAt?.toISOString() ?? null,
		tenders: subs.map((s) => {
			const requests = (s.content?.confidentiality ?? []).filter((_, index) => decisions.get(`${s.receiptId}:${index}`)?.granted !== false);
			const whole = requests.find((r) => !r.requirementId);
			return {
				receiptId: s.receiptId,
				organisation: s.organisation,
				receivedAt: s.receivedAt,
				sha256: s.sha256,
				awarded: s.receiptId === ctx.tender.awardedSubmissionId,
				priceSek: whole ? confidentialityMarker(whole) : (s.content?.priceSek ?? null),
				answers: (s.content?.answers ?? []).map((a) => {
					const covered = whole ?? requests.find((r) => r.requirementId === a.requirementId);
					return { requirementId: a.requirementId, value: covered ? confidentialityMarker(covered) : a.value };
				})
			};
		})
	};
}

/** The round's conflicts for the buyer team: the register's organisations with their hearing. */
export async function conflictsForBuyer(db: Db, ctx: TenderContext) {
	const entries = await computeRegister(db, ctx.tender.initiativeId);
	const cases = await db.select().from(tenderConflictCases).where(eq(tenderConflictCases.tenderId, ctx.tender.id));
	return entries.map((e) => {
		const c = cases.find((x) => x.organisationId === e.organisation.id);
		return {
			organisation: e.organisation,
			level: e.level,
			evidence: e.evidence,
			statement: c?.statement ?? null,
			statementAt: c?.statementAt?.toISOString() ?? null,
			approvals: c?.approvals ?? [],
			outcome: c?.outcome ?? null
		};
	});
}

export async function eligibilityForActor(db: Db, ctx: TenderContext, actor: UserActor) {
	return eligibilityOf(db, ctx.tender, actor.organisationId);
}

export async function declarations(db: Db, tenderId: string) {
	return db
		.select({ userId: tenderDeclarations.userId, name: users.name, declaredAt: tenderDeclarations.declaredAt })
		.from(tenderDeclarations)
		.innerJoin(users, eq(users.id, tenderDeclarations.userId))
		.where(eq(tenderDeclarations.tenderId, tenderId));
}

/**
 * How many tenders each OPENED round holds, for the buyer team's list of rounds. Rounds not yet
 * opened are left out whatever the caller passes: before the opening nobody learns a count.
 */
export async function openedTenderCounts(db: Db, rounds: Array<{ id: string; openedAt: string | null }>): Promise<Map<string, number>> {
	const opened = rounds.filter((r) => r.openedAt !== null).map((r) => r.id);
	if (!opened.length) return new Map();
	const rows = await db
		.select({ tenderId: tenderSubmissions.tenderId, n: count() })
		.from(tenderSubmissions)
		.innerJoin(tenders, eq(tenders.id, tenderSubmissions.tenderId))
		.where(and(inArray(tenderSubmissions.tenderId, opened), isNotNull(tenders.openedAt)))
		.groupBy(tenderSubmissions.tenderId);
	return new Map(rows.map((r) => [r.tenderId, Number(r.n)]));
}

/**
 * The round's invitations for the buyer team (who was invited, whether the link was used). Not
 * the participants: in an open round a supplier becomes one by tendering, so listing them before
 * the opening would tell who has tendered.
 */
export async function invitationsForBuyer(db: Db, tenderId: string) {
	const rows = await db
		.select({ id: supplierInvitations.id, email: supplierInvitations.email, createdAt: supplierInvitations.createdAt, acceptedAt: supplierInvitations.acceptedAt, expiresAt: supplierInvitations.expiresAt })
		.from(supplierInvitations)
		.where(and(eq(supplierInvitations.subjectKind, 'tender'), eq(supplierInvitations.subjectId, tenderId)))
		.orderBy(desc(supplierInvitations.createdAt));
	return rows.map((i) => ({ id: i.id, email: i.email, createdAt: i.createdAt.toISOString(), acceptedAt: i.acceptedAt?.toISOString() ?? null, expiresAt: i.expiresAt.toISOString() }));
}
