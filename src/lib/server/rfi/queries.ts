/**
 * Reading RFI rounds, always as the caller may see them. The buyer team sees the whole round,
 * every submitted response (never a draft) and who asked what. A supplier sees the round's
 * questions, the published clarifications and notices, and its own organisation's response —
 * never another supplier's answers, identity, questions, files or even their number.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import {
	initiativeOrganisations,
	initiatives,
	memberships,
	organisations,
	rfiAnswerNotes,
	rfiClarifications,
	rfiQuestions,
	rfiResponses,
	rfis,
	supplierInvitations,
	supplierParticipants,
	users
} from '../db/schema/index.ts';
import type { ConfidentialityRequest, RfiAnswer } from '../db/schema/rfi.ts';
import type { Db } from '../db/index.ts';
import type { Actor, UserActor } from '../access/policy.ts';
import { can } from '../access/policy.ts';
import { getVersion } from '../requirements/versions.ts';
import * as files from '../files/index.ts';
import { isBuyerSide, type Rfi, type RfiContext } from './access.ts';

export type RfiStatus = 'draft' | 'open_for_questions' | 'open_for_answers' | 'closed';

/** Where a round stands by the server's clock. */
export function statusOf(rfi: Pick<Rfi, 'publishedAt' | 'questionsDeadline' | 'answersDeadline'>, now: Date): RfiStatus {
	if (!rfi.publishedAt) return 'draft';
	if (now.getTime() < rfi.questionsDeadline.getTime()) return 'open_for_questions';
	if (now.getTime() < rfi.answersDeadline.getTime()) return 'open_for_answers';
	return 'closed';
}

/** The buyer organisation(s) that run the initiative, as suppliers see them. */
async function buyerNames(db: Db, initiativeIds: string[]): Promise<Map<string, string>> {
	if (!initiativeIds.length) return new Map();
	const rows = await db
		.select({ initiativeId: initiativeOrganisations.initiativeId, name: organisations.name })
		.from(initiativeOrganisations)
		.innerJoin(organisations, eq(organisations.id, initiativeOrganisations.organisationId))
		.where(and(inArray(initiativeOrganisations.initiativeId, initiativeIds), eq(organisations.kind, 'buyer')));
	const out = new Map<string, string>();
	for (const r of rows) out.set(r.initiativeId, out.has(r.initiativeId) ? `${out.get(r.initiativeId)}, ${r.name}` : r.name);
	return out;
}

export interface RfiListItem {
	id: string;
	initiativeId: string;
	title: string;
	buyer: string;
	status: RfiStatus;
	open: boolean;
	questionsDeadline: string;
	answersDeadline: string;
	publishedAt: string | null;
	/** Supplier: where its own response stands. */
	mine?: { status: 'none' | 'draft' | 'submitted'; submittedAt: string | null; updatedAt: string | null };
	/** Buyer team: participation counts. */
	counts?: { participants: number; submitted: number; pendingQuestions: number };
}

/** The rounds the caller may see: buyer team rounds of their initiatives; for suppliers, published rounds open to them. */
export async function listForActor(db: Db, actor: Actor, now: Date, filter: { initiativeId?: string } = {}): Promise<RfiListItem[]> {
	if (actor.kind !== 'user') return [];
	if (actor.organisationKind === 'supplier') return listForSupplier(db, actor, now);
	const rows = await db
		.select({ rfi: rfis, role: memberships.role })
		.from(rfis)
		.innerJoin(memberships, and(eq(memberships.initiativeId, rfis.initiativeId), eq(memberships.userId, actor.userId)))
		.where(filter.initiativeId ? eq(rfis.initiativeId, filter.initiativeId) : undefined)
		.orderBy(desc(rfis.createdAt));
	const ids = rows.map((r) => r.rfi.id);
	const names = await buyerNames(db, [...new Set(rows.map((r) => r.rfi.initiativeId))]);
	const [participants, submitted, pending] = ids.length
		? await Promise.all([
				db
					.select({ id: supplierParticipants.subjectId, n: count() })
					.from(supplierParticipants)
					.where(and(eq(supplierParticipants.subjectKind, 'rfi'), inArray(supplierParticipants.subjectId, ids)))
					.groupBy(supplierParticipants.subjectId),
				db
					.select({ id: rfiResponses.rfiId, n: count() })
					.from(rfiResponses)
					.where(and(inArray(rfiResponses.rfiId, ids), isNotNull(rfiResponses.submittedAt)))
					.groupBy(rfiResponses.rfiId),
				db
					.select({ id: rfiClarifications.rfiId, n: count() })
					.from(rfiClarifications)
					.where(and(inArray(rfiClarifications.rfiId, ids), isNull(rfiClarifications.publishedAt)))
					.groupBy(rfiClarifications.rfiId)
			])
		: [[], [], []];
	const get = (list: Array<{ id: string; n: number }>, id: string) => Number(list.find((x) => x.id === id)?.n ?? 0);
	return rows.map(({ rfi }) => ({
		...item(rfi, names.get(rfi.initiativeId) ?? '', now),
		counts: { participants: get(participants, rfi.id), submitted: get(submitted, rfi.id), pendingQuestions: get(pending, rfi.id) }
	}));
}

function item(rfi: Rfi, buyer: string, now: Date): RfiListItem {
	return {
		id: rfi.id,
		initiativeId: rfi.initiativeId,
		title: rfi.title,
		buyer,
		status: statusOf(rfi, now),
		open: rfi.open,
		questionsDeadline: rfi.questionsDeadline.toISOString(),
		answersDeadline: rfi.answersDeadline.toISOString(),
		publishedAt: rfi.publishedAt?.toISOString() ?? null
	};
}

async function listForSupplier(db: Db, actor: UserActor, now: Date): Promise<RfiListItem[]> {
	const mine = db
		.select({ id: supplierParticipants.subjectId })
		.from(supplierParticipants)
		.where(and(eq(supplierParticipants.subjectKind, 'rfi'), eq(supplierParticipants.organisationId, actor.organisationId)));
	const rows = await db
		.select()
		.from(rfis)
		.where(and(isNotNull(rfis.publishedAt), or(eq(rfis.open, true), inArray(rfis.id, mine))))
		.orderBy(asc(rfis.answersDeadline));
	const names = await buyerNames(db, [...new Set(rows.map((r) => r.initiativeId))]);
	const responses = rows.length
		? await db
				.select({ rfiId: rfiResponses.rfiId, submittedAt: rfiResponses.submittedAt, updatedAt: rfiResponses.updatedAt })
				.from(rfiResponses)
				.where(and(eq(rfiResponses.organisationId, actor.organisationId), inArray(rfiResponses.rfiId, rows.map((r) => r.id))))
		: [];
	return rows.map((rfi) => {
		const r = responses.find((x) => x.rfiId === rfi.id);
		return {
			...item(rfi, names.get(rfi.initiativeId) ?? '', now),
			mine: { status: r ? (r.submittedAt ? 'submitted' : 'draft') : 'none', submittedAt: r?.submittedAt?.toISOString() ?? null, updatedAt: r?.updatedAt.toISOString() ?? null }
		};
	});
}

export interface QuestionView {
	id: string;
	position: number;
	text: string;
	kind: string;
	options: string[];
	multiple: boolean;
	needId: string | null;
	requirementUid: string | null;
	revision: number;
	removed: boolean;
}

async function questionsOf(db: Db, rfiId: string, withRemoved: boolean): Promise<QuestionView[]> {
	const rows = await db
		.select()
		.from(rfiQuestions)
		.where(and(eq(rfiQuestions.rfiId, rfiId), withRemoved ? undefined : isNull(rfiQuestions.removedAt)))
		.orderBy(asc(rfiQuestions.position));
	return rows.map((q) => ({
		id: q.id,
		position: q.position,
		text: q.text,
		kind: q.kind,
		options: q.options,
		multiple: q.multiple,
		needId: q.needId,
		requirementUid: q.requirementUid,
		revision: q.revision,
		removed: q.removedAt !== null
	}));
}

/** The attached requirements version as background: the requirements, not who wrote or published them. */
async function background(db: Db, viewer: Actor, rfi: Rfi) {
	if (rfi.requirementsVersion == null) return null;
	const v = await getVersion(db, viewer, rfi.initiativeId, rfi.requirementsVersion);
	if (!v) return null;
	return {
		version: v.version,
		publishedAt: v.publishedAt,
		sections: v.sections,
		requirements: v.requirements.map(({ needIds: _needs, ...r }) => r)
	};
}

export interface ClarificationView {
	id: string;
	kind: 'question' | 'notice';
	question: string;
	answer: string | null;
	publishedAt: string | null;
	/** Buyer team only. */
	asker?: { userId: string | null; name: string | null; organisation: string | null } | null;
	originalQuestion?: string;
}

/** Published clarifications and notices for everyone admitted; the buyer team also sees pending ones and the asker. */
export async function clarifications(db: Db, ctx: RfiContext, actor: Actor): Promise<ClarificationView[]> {
	const buyer = isBuyerSide(actor, ctx);
	const rows = await db
		.select({ c: rfiClarifications, askerName: users.name, askerOrg: organisations.name })
		.from(rfiClarifications)
		.leftJoin(users, eq(users.id, rfiClarifications.askedBy))
		.leftJoin(organisations, eq(organisations.id, rfiClarifications.askedByOrganisation))
		.where(and(eq(rfiClarifications.rfiId, ctx.rfi.id), buyer ? undefined : isNotNull(rfiClarifications.publishedAt)))
		.orderBy(asc(rfiClarifications.publishedAt), asc(rfiClarifications.createdAt));
	return rows.map(({ c, askerName, askerOrg }) => ({
		id: c.id,
		kind: c.kind,
		question: c.publishedQuestion ?? c.question,
		answer: c.publishedAt ? c.answer : null,
		publishedAt: c.publishedAt?.toISOString() ?? null,
		...(buyer
			? { asker: c.kind === 'question' ? { userId: c.askedBy, name: askerName, organisation: askerOrg } : null, originalQuestion: c.question }
			: {})
	}));
}

/** Questions the caller's own organisation asked, with their state (a supplier's own view). */
export async function myQuestions(db: Db, ctx: RfiContext, actor: UserActor) {
	const rows = await db
		.select({ id: rfiClarifications.id, question: rfiClarifications.question, createdAt: rfiClarifications.createdAt, publishedAt: rfiClarifications.publishedAt })
		.from(rfiClarifications)
		.where(and(eq(rfiClarifications.rfiId, ctx.rfi.id), eq(rfiClarifications.askedByOrganisation, actor.organisationId), eq(rfiClarifications.kind, 'question')))
		.orderBy(asc(rfiClarifications.createdAt));
	return rows.map((r) => ({ id: r.id, question: r.question, askedAt: r.createdAt.toISOString(), answered: r.publishedAt !== null }));
}

/** Answers given to questions that changed after they were submitted. */
function needingReview(answers: RfiAnswer[] | null, submittedRevision: number | null, questions: QuestionView[]): string[] {
	if (!answers || submittedRevision == null) return [];
	const byId = new Map(questions.map((q) => [q.id, q]));
	return answers.filter((a) => a.value !== null && (byId.get(a.questionId)?.revision ?? 0) > submittedRevision).map((a) => a.questionId);
}

/** The caller's organisation's own response (draft and last submission). */
export async function myResponse(db: Db, ctx: RfiContext, actor: UserActor, questions: QuestionView[]) {
	const [r] = await db
		.select({ response: rfiResponses, updatedByName: users.name })
		.from(rfiResponses)
		.leftJoin(users, eq(users.id, rfiResponses.updatedBy))
		.where(and(eq(rfiResponses.rfiId, ctx.rfi.id), eq(rfiResponses.organisationId, actor.organisationId)))
		.limit(1);
	if (!r) {
		return {
			status: 'none' as const,
			answers: [] as RfiAnswer[],
			confidentiality: [] as ConfidentialityRequest[],
			draftVersion: 0,
			updatedAt: null as string | null,
			updatedBy: null as string | null,
			submittedAt: null as string | null,
			needsReview: [] as string[],
			files: [] as ReturnType<typeof files.view>[]
		};
	}
	const { response } = r;
	const fileIds = response.answers.flatMap((a) => (questions.find((q) => q.id === a.questionId)?.kind === 'file' ? (Array.isArray(a.value) ? a.value : [a.value]) : [])).filter((v): v is string => typeof v === 'string');
	return {
		status: response.submittedAt ? ('submitted' as const) : ('draft' as const),
		answers: response.answers,
		confidentiality: response.confidentiality,
		draftVersion: response.draftVersion,
		updatedAt: response.updatedAt.toISOString() as string | null,
		updatedBy: r.updatedByName as string | null,
		submittedAt: response.submittedAt?.toISOString() ?? null,
		needsReview: needingReview(response.submittedAnswers, response.submittedRevision, questions),
		files: (await files.metas(db, fileIds)).map(files.view)
	};
}

/** The round as the caller may see it. */
export async function roundView(db: Db, ctx: RfiContext, actor: UserActor, now: Date) {
	const buyer = isBuyerSide(actor, ctx);
	const questions = await questionsOf(db, ctx.rfi.id, buyer);
	const names = await buyerNames(db, [ctx.rfi.initiativeId]);
	const base = {
		id: ctx.rfi.id,
		initiativeId: ctx.rfi.initiativeId,
		title: ctx.rfi.title,
		intro: ctx.rfi.intro,
		buyer: names.get(ctx.rfi.initiativeId) ?? '',
		status: statusOf(ctx.rfi, now),
		open: ctx.rfi.open,
		revision: ctx.rfi.revision,
		questionsDeadline: ctx.rfi.questionsDeadline.toISOString(),
		answersDeadline: ctx.rfi.answersDeadline.toISOString(),
		publishedAt: ctx.rfi.publishedAt?.toISOString() ?? null,
		questions,
		requirements: await background(db, actor, ctx.rfi),
		clarifications: await clarifications(db, ctx, actor)
	};
	if (buyer) {
		const [participants, invitations] = await Promise.all([
			db
				.select({ id: organisations.id, name: organisations.name, via: supplierParticipants.via, joinedAt: supplierParticipants.joinedAt })
				.from(supplierParticipants)
				.innerJoin(organisations, eq(organisations.id, supplierParticipants.organisationId))
				.where(and(eq(supplierParticipants.subjectKind, 'rfi'), eq(supplierParticipants.subjectId, ctx.rfi.id))),
			db
				.select({ id: supplierInvitations.id, email: supplierInvitations.email, createdAt: supplierInvitations.createdAt, acceptedAt: supplierInvitations.acceptedAt, expiresAt: supplierInvitations.expiresAt })
				.from(supplierInvitations)
				.where(and(eq(supplierInvitations.subjectKind, 'rfi'), eq(supplierInvitations.subjectId, ctx.rfi.id)))
				.orderBy(desc(supplierInvitations.createdAt))
		]);
		const submitted = await db
			.select({ organisationId: rfiResponses.organisationId, submittedAt: rfiResponses.submittedAt })
			.from(rfiResponses)
			.where(and(eq(rfiResponses.rfiId, ctx.rfi.id), isNotNull(rfiResponses.submittedAt)));
		return {
			...base,
			summary: ctx.rfi.summary,
			marketFinding: ctx.rfi.marketFinding,
			participants: participants.map((p) => ({
				organisation: { id: p.id, name: p.name },
				via: p.via,
				joinedAt: p.joinedAt.toISOString(),
				submittedAt: submitted.find((s) => s.organisationId === p.id)?.submittedAt?.toISOString() ?? null
			})),
			invitations: invitations.map((i) => ({ id: i.id, email: i.email, createdAt: i.createdAt.toISOString(), acceptedAt: i.acceptedAt?.toISOString() ?? null, expiresAt: i.expiresAt.toISOString() })),
			abilities: { edit: can(actor, 'admin', { resource: 'rfi', initiative: ctx.initiative, rfi: ctx.scope }), analyse: can(actor, 'write', { resource: 'rfi_responses', initiative: ctx.initiative, rfi: ctx.scope }) }
		};
	}
	return {
		...base,
		mine: await myResponse(db, ctx, actor, questions),
		myQuestions: await myQuestions(db, ctx, actor)
	};
}

export interface ResponseView {
	id: string;
	organisation: { id: string; name: string };
	submittedAt: string;
	revision: number | null;
	answers: RfiAnswer[];
	confidentiality: ConfidentialityRequest[];
	needsReview: string[];
	notes: Array<{ questionId: string; tags: string[]; score: number | null; note: string }>;
	files: ReturnType<typeof files.view>[];
}

/** Every submitted response of the round, as submitted (buyer team). */
export async function responses(db: Db, ctx: RfiContext): Promise<ResponseView[]> {
	const questions = await questionsOf(db, ctx.rfi.id, true);
	const rows = await db
		.select({ r: rfiResponses, organisation: organisations.name })
		.from(rfiResponses)
		.innerJoin(organisations, eq(organisations.id, rfiResponses.organisationId))
		.where(and(eq(rfiResponses.rfiId, ctx.rfi.id), isNotNull(rfiResponses.submittedAt)))
		.orderBy(asc(rfiResponses.submittedAt));
	const ids = rows.map((x) => x.r.id);
	const notes = ids.length ? await db.select().from(rfiAnswerNotes).where(inArray(rfiAnswerNotes.responseId, ids)) : [];
	const fileQuestions = new Set(questions.filter((q) => q.kind === 'file').map((q) => q.id));
	const out: ResponseView[] = [];
	for (const { r, organisation } of rows) {
		const answers = r.submittedAnswers ?? [];
		const fileIds = answers.filter((a) => fileQuestions.has(a.questionId)).flatMap((a) => (Array.isArray(a.value) ? a.value : [a.value])).filter((v): v is string => typeof v === 'string');
		out.push({
			id: r.id,
			organisation: { id: r.organisationId, name: organisation },
			submittedAt: r.submittedAt!.toISOString(),
			revision: r.submittedRevision,
			answers,
			confidentiality: r.submittedConfidentiality ?? [],
			needsReview: needingReview(answers, r.submittedRevision, questions),
			notes: notes.filter((n) => n.responseId === r.id).map((n) => ({ questionId: n.questionId, tags: n.tags, score: n.score, note: n.note })),
			files: (await files.metas(db, fileIds)).map(files.view)
		});
	}
	return out;
}

/** The questions of a round, removed ones included (exports, comparison). */
export { questionsOf };

/** Title of the initiative a round belongs to (buyer pages). */
export async function initiativeTitle(db: Db, initiativeId: string): Promise<string> {
	const [row] = await db.select({ title: initiatives.title }).from(initiatives).where(eq(initiatives.id, initiativeId)).limit(1);
	return row?.title ?? '';
}

/** The advisor's market situation for an RFI finding. */
const SITUATION = { exists: 'exists', needs_adaptation: 'needs_adaptation', not_available: 'not_on_market' } as const;

/**
 * What the initiative's RFI rounds taught about the market, for the procedure advisor: the most
 * recently analysed round with a finding (buyer team), or null.
 */
export async function marketFinding(db: Db, initiativeId: string): Promise<{ rfiId: string; title: string; situation: 'exists' | 'needs_adaptation' | 'not_on_market'; submitted: number } | null> {
	const [row] = await db
		.select({ id: rfis.id, title: rfis.title, finding: rfis.marketFinding })
		.from(rfis)
		.where(and(eq(rfis.initiativeId, initiativeId), isNotNull(rfis.marketFinding)))
		.orderBy(desc(rfis.updatedAt))
		.limit(1);
	if (!row?.finding) return null;
	const [{ n }] = await db.select({ n: count() }).from(rfiResponses).where(and(eq(rfiResponses.rfiId, row.id), isNotNull(rfiResponses.submittedAt)));
	return { rfiId: row.id, title: row.title, situation: SITUATION[row.finding], submitted: Number(n) };
}
