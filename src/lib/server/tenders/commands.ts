/**
 * Changes to tender rounds. Each command assumes the route asked the policy (`access.ts`); it
 * enforces what the policy cannot see from a role alone — deadlines by the server's clock inside
 * the transaction that stores, the conflicts register (rule 1), two different openers (LOU
 * 12:10), the standstill — and writes the journal and the notifications in the same transaction
 * as the change.
 *
 * Sealed means sealed: a submission's journal entries go to the round's own sealed chain
 * (`initiativeId` = the tender's id), which no journal view lists; the opening protocol shows it
 * once the round is opened. So neither the journal of the initiative nor any count tells the
 * buyer side how many tenders have arrived. Journal entries hold ids, times, hashes and sizes,
 * never tender text.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { files, memberships, organisations, supplierParticipants, tenderConfidentialityDecisions, tenderConflictCases, tenderDeclarations, tenderDrafts, tenderQualifications, tenderScores, tenderSubmissions, tenders, users } from '../db/schema/index.ts';
import type { ConflictApproval, TenderCriterion } from '../db/schema/tenders.ts';
import type { Db, Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import * as audit from '../audit/index.ts';
import { ApiError } from '../http/api.ts';
import { notify } from '../notifications/index.ts';
import { parseVersion, sha256Hex, versionText } from '../requirements/versions.ts';
import { buyerTeamUserIds, registeredSupplierUserIds } from '../market/recipients.ts';
import { auditActor } from '../initiatives/commands.ts';
import type { Tender, TenderContext } from './access.ts';
import { eligibilityOf } from './eligibility.ts';
import { participantUserIds } from './notify.ts';
import { newWrappedKey, sealContent, sealKey } from './seal.ts';
import { canonicalContent, dataKey, verifySubmissions, type TenderContent } from './content.ts';
import type { CreateTenderInput, SubmissionInput } from './validation.ts';
import { TENDER_ATTACHMENT } from './files.ts';

const supplierLink = (id: string) => `/tenders/${id}`;
export const deadlinePassed = () => new ApiError(409, 'deadline_passed', 'Sista anbudsdag har passerat.');

/** Requirement ids a tender may answer or a criterion may judge: the attached version's visible ids and uids. */
async function requirementIdsOf(db: Db | Tx, initiativeId: string, version: number): Promise<Set<string> | null> {
	const row = await versionText(db as Db, initiativeId, version);
	if (!row) return null;
	const ids = new Set<string>();
	for (const r of parseVersion(row.content).requirements) {
		ids.add(r.id);
		ids.add(r.uid);
	}
	return ids;
}

/** Creates a draft round. Openers must be two different buyer-side members of the team. */
export async function createTender(app: App, actor: UserActor, initiativeId: string, input: CreateTenderInput): Promise<{ id: string }> {
	if (input.deadline.getTime() <= app.clock.now().getTime()) throw new ApiError(400, 'deadline_in_past', 'Sista anbudsdag måste ligga i framtiden.');
	const known = await requirementIdsOf(app.db, initiativeId, input.requirementsVersion);
	if (!known) throw new ApiError(400, 'unknown_version', `Kravversion ${input.requirementsVersion} finns inte.`);
	for (const c of input.criteria) {
		if (c.requirementIds?.some((id) => !known.has(id))) throw new ApiError(400, 'unknown_requirement', `Kriteriet ”${c.name}” hänvisar till ett krav som inte finns i kravversionen.`);
	}
	const openers = [...new Set(input.openers.map((o) => o.toLowerCase()))];
	const team = await app.db
		.select({ id: users.id })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(and(eq(memberships.initiativeId, initiativeId), inArray(memberships.userId, openers), inArray(memberships.role, ['process_leader', 'team']), eq(organisations.kind, 'buyer')));
	if (team.length !== openers.length) {
		throw new ApiError(400, 'invalid_openers', 'Förrättarna av anbudsöppningen måste vara medlemmar i den upphandlande organisationens team.');
	}
	const criteria: TenderCriterion[] = input.criteria.map((c) => ({ id: randomUUID(), name: c.name, weight: c.weight, kind: c.kind, requirementIds: c.requirementIds ?? [] }));
	const wrappedKey = newWrappedKey(sealKey(app.config));
	return app.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(tenders)
			.values({ initiativeId, title: input.title, requirementsVersion: input.requirementsVersion, deadline: input.deadline, openers, criteria, wrappedKey, createdBy: actor.userId, createdAt: app.clock.now() })
			.returning({ id: tenders.id });
		await audit.record(tx, {
			initiativeId,
			actor: auditActor(actor),
			action: 'tender.created',
			data: { tenderId: row.id, title: input.title, requirementsVersion: input.requirementsVersion, deadline: input.deadline.toISOString(), criteria: criteria.length, openers }
		});
		return { id: row.id };
	});
}

/**
 * Publishes the round: to invited organisations, or with `open` to every registered supplier —
 * whose users are all told at the same moment (rule 2), not only those already admitted.
 */
export async function publishTender(app: App, actor: UserActor, ctx: TenderContext, input: { open?: boolean }): Promise<{ publishedAt: string }> {
	return app.db.transaction(async (tx) => {
		const [current] = await tx.select().from(tenders).where(eq(tenders.id, ctx.tender.id)).for('update');
		if (current.publishedAt) throw new ApiError(409, 'already_published', 'Upphandlingen är redan publicerad.');
		const now = app.clock.now();
		if (current.deadline.getTime() <= now.getTime()) throw deadlinePassed();
		const open = input.open ?? false;
		await tx.update(tenders).set({ publishedAt: now, open }).where(eq(tenders.id, current.id));
		await audit.record(tx, {
			initiativeId: current.initiativeId,
			actor: auditActor(actor),
			action: 'tender.published',
			data: { tenderId: current.id, title: current.title, open, deadline: current.deadline.toISOString() }
		});
		const [buyer] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId));
		await notify(app, tx, {
			userIds: open ? [...new Set([...(await registeredSupplierUserIds(tx)), ...(await participantUserIds(tx, current.id))])] : await participantUserIds(tx, current.id),
			kind: 'tender.published',
			data: { title: current.title, buyer: buyer?.name ?? '', deadline: current.deadline.toISOString() },
			link: supplierLink(current.id)
		});
		return { publishedAt: now.toISOString() };
	});
}

/**
 * The organisation's own files for this round (purpose `tender_attachment`), by the ids the tender
 * names; any other id is refused, so a tender can never point at someone else's file.
 */
async function attachmentsOf(db: Db, tenderId: string, organisationId: string, ids: string[]) {
	const wanted = [...new Set(ids.map((i) => i.toLowerCase()))];
	if (!wanted.length) return [];
	const rows = await db
		.select({ fileId: files.id, name: files.name, sha256: files.sha256, size: files.size })
		.from(files)
		.where(and(inArray(files.id, wanted), eq(files.purpose, TENDER_ATTACHMENT), eq(files.ownerId, tenderId), eq(files.organisationId, organisationId)));
	if (rows.length !== wanted.length) throw new ApiError(400, 'unknown_file', 'En bilaga finns inte bland er organisations filer för upphandlingen.');
	return wanted.map((id) => rows.find((r) => r.fileId === id)!);
}

export const conflictOfInterest = () =>
	new ApiError(
		403,
		'conflict_of_interest',
		'Er organisation har deltagit i arbetet med kraven i upphandlingen och får inte lämna anbud (jäv), om inte den upphandlande organisationen beslutar annat efter att ha hört er.'
	);

/**
 * Refuses a barred organisation (and a flagged one whose flag was upheld) whatever route it came
 * by, journalling each refusal in its own transaction so the refusal stays on record.
 */
export async function refuseIfIneligible(app: App, actor: UserActor, ctx: TenderContext, route: string): Promise<void> {
	const e = await eligibilityOf(app.db, ctx.tender, actor.organisationId);
	if (e.eligible) return;
	await app.db.transaction((tx) =>
		audit.record(tx, {
			initiativeId: ctx.tender.initiativeId,
			actor: auditActor(actor),
			action: 'tender.submission_refused',
			data: { tenderId: ctx.tender.id, organisationId: actor.organisationId, level: e.level, route }
		})
	);
	throw conflictOfInterest();
}

/**
 * Stores the organisation's tender, sealed. The deadline is decided by the server's clock inside
 * the transaction that stores it, with the round's row locked (an opening cannot slip in between).
 * A resubmission replaces the earlier tender and gives a new receipt.
 */
export async function submit(app: App, actor: UserActor, ctx: TenderContext, input: SubmissionInput): Promise<{ receipt: { id: string; receivedAt: string; sha256: string } }> {
	await refuseIfIneligible(app, actor, ctx, 'submit');
	const known = await requirementIdsOf(app.db, ctx.tender.initiativeId, ctx.tender.requirementsVersion);
	const ids = [...input.answers.map((a) => a.requirementId), ...(input.confidentiality ?? []).flatMap((c) => (c.requirementId ? [c.requirementId] : []))];
	if (ids.some((id) => !known?.has(id))) throw new ApiError(400, 'unknown_requirement', 'Ett svar hänvisar till ett krav som inte finns i upphandlingens kravversion.');
	if (new Set(input.answers.map((a) => a.requirementId)).size !== input.answers.length) throw new ApiError(400, 'invalid_request', 'Varje krav besvaras en gång.');
	const attachments = await attachmentsOf(app.db, ctx.tender.id, actor.organisationId, input.attachments ?? []);
	const content: TenderContent = {
		tenderId: ctx.tender.id,
		organisationId: actor.organisationId,
		answers: input.answers,
		priceSek: input.priceSek,
		confidentiality: input.confidentiality ?? [],
		// Only when there are any: a tender without files hashes as it always did.
		...(attachments.length ? { attachments } : {})
	};
	const plaintext = canonicalContent(content);
	const sha256 = sha256Hex(plaintext);
	const ciphertext = sealContent(dataKey(app, ctx.tender), plaintext);
	return app.db.transaction(async (tx) => {
		const [current] = await tx.select({ deadline: tenders.deadline, openedAt: tenders.openedAt }).from(tenders).where(eq(tenders.id, ctx.tender.id)).for('update');
		const now = app.clock.now();
		if (current.openedAt || now.getTime() >= current.deadline.getTime()) throw deadlinePassed();
		const removed = await tx
			.delete(tenderSubmissions)
			.where(and(eq(tenderSubmissions.tenderId, ctx.tender.id), eq(tenderSubmissions.organisationId, actor.organisationId)))
			.returning({ id: tenderSubmissions.id });
		const [row] = await tx
			.insert(tenderSubmissions)
			.values({ tenderId: ctx.tender.id, organisationId: actor.organisationId, submittedBy: actor.userId, receivedAt: now, sha256, size: Buffer.byteLength(plaintext), ciphertext })
			.returning({ id: tenderSubmissions.id });
		await tx
			.insert(supplierParticipants)
			.values({ subjectKind: 'tender', subjectId: ctx.tender.id, organisationId: actor.organisationId, via: ctx.tender.open ? 'open' : 'invitation', joinedAt: now })
			.onConflictDoNothing();
		// The draft has become the tender.
		await tx.delete(tenderDrafts).where(and(eq(tenderDrafts.tenderId, ctx.tender.id), eq(tenderDrafts.organisationId, actor.organisationId)));
		await audit.record(tx, {
			initiativeId: ctx.tender.id,
			actor: auditActor(actor),
			action: 'tender.submitted',
			data: { tenderId: ctx.tender.id, organisationId: actor.organisationId, receiptId: row.id, sha256, size: Buffer.byteLength(plaintext), ...(removed.length ? { replaces: removed[0].id } : {}) }
		});
		return { receipt: { id: row.id, receivedAt: now.toISOString(), sha256 } };
	});
}

/** Withdraws the organisation's tender before the deadline. */
export async function withdraw(app: App, actor: UserActor, ctx: TenderContext): Promise<void> {
	await refuseIfIneligible(app, actor, ctx, 'withdraw');
	await app.db.transaction(async (tx) => {
		const [current] = await tx.select({ deadline: tenders.deadline, openedAt: tenders.openedAt }).from(tenders).where(eq(tenders.id, ctx.tender.id)).for('update');
		if (current.openedAt || app.clock.now().getTime() >= current.deadline.getTime()) throw deadlinePassed();
		const removed = await tx
			.delete(tenderSubmissions)
			.where(and(eq(tenderSubmissions.tenderId, ctx.tender.id), eq(tenderSubmissions.organisationId, actor.organisationId)))
			.returning({ id: tenderSubmissions.id });
		if (!removed.length) throw new ApiError(404, 'no_submission', 'Er organisation har inget anbud i upphandlingen.');
		await audit.record(tx, {
			initiativeId: ctx.tender.id,
			actor: auditActor(actor),
			action: 'tender.withdrawn',
			data: { tenderId: ctx.tender.id, organisationId: actor.organisationId, receiptId: removed[0].id }
		});
	});
}

/** The supplier's hearing statement about its conflict of interest. */
export async function submitStatement(app: App, actor: UserActor, ctx: TenderContext, statement: string): Promise<void> {
	const e = await eligibilityOf(app.db, ctx.tender, actor.organisationId);
	if (!e.level) throw new ApiError(409, 'no_conflict', 'Er organisation finns inte i jävsregistret för upphandlingen.');
	if (e.outcome) throw new ApiError(409, 'already_decided', 'Frågan är redan avgjord.');
	await app.db.transaction(async (tx) => {
		const now = app.clock.now();
		await tx
			.insert(tenderConflictCases)
			.values({ tenderId: ctx.tender.id, organisationId: actor.organisationId, statement, statementBy: actor.userId, statementAt: now })
			.onConflictDoUpdate({ target: [tenderConflictCases.tenderId, tenderConflictCases.organisationId], set: { statement, statementBy: actor.userId, statementAt: now } });
		await audit.record(tx, {
			initiativeId: ctx.tender.initiativeId,
			actor: auditActor(actor),
			action: 'tender.conflict_statement',
			data: { tenderId: ctx.tender.id, organisationId: actor.organisationId, level: e.level }
		});
	});
}

/**
 * A decision on a barred or flagged organisation, after its statement. Upholding is the
 * procurement officer's decision. Lifting needs two approvals with reasons: the procurement
 * officer's and a second team member's; when both are in, the bar is lifted and every supplier of
 * the round is told — without naming the organisation — that the information behind the
 * advantage is shared with all (rule 2).
 */
export async function decideConflict(
	app: App,
	actor: UserActor,
	ctx: TenderContext,
	organisationId: string,
	input: { decision: 'lift' | 'uphold'; reason: string }
): Promise<{ outcome: 'lifted' | 'upheld' | null; approvals: number }> {
	const e = await eligibilityOf(app.db, ctx.tender, organisationId);
	if (!e.level) throw new ApiError(404, 'not_found', 'Organisationen finns inte i jävsregistret för upphandlingen.');
	const procurementOfficer = ctx.initiative.membership?.label === 'procurement_officer' && actor.organisationKind === 'buyer';
	return app.db.transaction(async (tx) => {
		const [c] = await tx
			.select()
			.from(tenderConflictCases)
			.where(and(eq(tenderConflictCases.tenderId, ctx.tender.id), eq(tenderConflictCases.organisationId, organisationId)))
			.for('update');
		if (!c?.statement) throw new ApiError(409, 'statement_required', 'Leverantören ska höras först: beslut fattas efter leverantörens yttrande.');
		if (c.outcome) throw new ApiError(409, 'already_decided', 'Frågan är redan avgjord.');
		const now = app.clock.now();
		const base = { tenderId: ctx.tender.id, organisationId, level: e.level };
		if (input.decision === 'uphold') {
			if (!procurementOfficer) throw new ApiError(403, 'procurement_officer_required', 'Beslutet fattas av upphandlaren.');
			const approvals: ConflictApproval[] = [...c.approvals, { userId: actor.userId, decision: 'uphold', reason: input.reason, procurementOfficer, at: now.toISOString() }];
			await tx.update(tenderConflictCases).set({ approvals, outcome: 'upheld', decidedAt: now }).where(and(eq(tenderConflictCases.tenderId, ctx.tender.id), eq(tenderConflictCases.organisationId, organisationId)));
			await audit.record(tx, { initiativeId: ctx.tender.initiativeId, actor: auditActor(actor), action: 'tender.conflict_upheld', data: { ...base, reason: input.reason } });
			return { outcome: 'upheld' as const, approvals: 1 };
		}
		const approvals: ConflictApproval[] = [
			...c.approvals.filter((a) => a.userId !== actor.userId),
			{ userId: actor.userId, decision: 'lift', reason: input.reason, procurementOfficer, at: now.toISOString() }
		];
		const lifts = approvals.filter((a) => a.decision === 'lift');
		const officer = lifts.find((a) => a.procurementOfficer);
		const lifted = !!officer && lifts.some((a) => a.userId !== officer.userId);
		await tx
			.update(tenderConflictCases)
			.set({ approvals, ...(lifted ? { outcome: 'lifted' as const, decidedAt: now } : {}) })
			.where(and(eq(tenderConflictCases.tenderId, ctx.tender.id), eq(tenderConflictCases.organisationId, organisationId)));
		await audit.record(tx, { initiativeId: ctx.tender.initiativeId, actor: auditActor(actor), action: 'tender.conflict_lift_approved', data: { ...base, procurementOfficer, reason: input.reason } });
		if (lifted) {
			await audit.record(tx, {
				initiativeId: ctx.tender.initiativeId,
				actor: auditActor(actor),
				action: 'tender.conflict_lifted',
				data: { ...base, approvedBy: lifts.map((a) => a.userId) }
			});
			const [current] = await tx.select({ notices: tenders.notices }).from(tenders).where(eq(tenders.id, ctx.tender.id)).for('update');
			await tx
				.update(tenders)
				.set({ notices: [...current.notices, { at: now.toISOString(), kind: 'advantage_shared' }] })
				.where(eq(tenders.id, ctx.tender.id));
			await notify(app, tx, { userIds: await participantUserIds(tx, ctx.tender.id), kind: 'tender.advantage_shared', data: { title: ctx.tender.title }, link: supplierLink(ctx.tender.id) });
			await audit.record(tx, {
				initiativeId: ctx.tender.initiativeId,
				actor: auditActor(actor),
				action: 'tender.notice_published',
				data: { tenderId: ctx.tender.id, kind: 'advantage_shared' }
			});
		}
		return { outcome: lifted ? ('lifted' as const) : null, approvals: lifts.length };
	});
}

/**
 * One named opener's approval of the opening, only after the deadline by the server's clock. The
 * round opens when two different openers have approved (LOU 12:10): the opening re-checks every
 * receipt's hash against the decrypted content and journals the result.
 */
export async function approveOpening(app: App, actor: UserActor, ctx: TenderContext): Promise<{ approvals: number; opened: boolean }> {
	return app.db.transaction(async (tx) => {
		const [current] = await tx.select().from(tenders).where(eq(tenders.id, ctx.tender.id)).for('update');
		const now = app.clock.now();
		if (!current.publishedAt) throw new ApiError(409, 'not_published', 'Upphandlingen är inte publicerad.');
		if (now.getTime() < current.deadline.getTime()) throw new ApiError(409, 'deadline_not_passed', 'Anbuden kan öppnas först när sista anbudsdag har passerat.');
		if (current.openedAt) return { approvals: current.openingApprovals.length, opened: true };
		const approvals = current.openingApprovals.some((a) => a.userId === actor.userId)
			? current.openingApprovals
			: [...current.openingApprovals, { userId: actor.userId, at: now.toISOString() }];
		const opened = new Set(approvals.map((a) => a.userId)).size >= 2;
		await tx.update(tenders).set({ openingApprovals: approvals, ...(opened ? { openedAt: now } : {}) }).where(eq(tenders.id, current.id));
		await audit.record(tx, { initiativeId: current.initiativeId, actor: auditActor(actor), action: 'tender.opening_approved', data: { tenderId: current.id, approvals: approvals.length } });
		if (opened) {
			const list = await verifySubmissions(app, tx, current);
			await audit.record(tx, {
				initiativeId: current.initiativeId,
				actor: auditActor(actor),
				action: 'tender.opened',
				data: {
					tenderId: current.id,
					openers: approvals.map((a) => a.userId),
					tenders: list.map((s) => ({ receiptId: s.receiptId, organisationId: s.organisation.id, sha256: s.sha256, size: s.size, hashVerified: s.hashVerified }))
				}
			});
		}
		return { approvals: approvals.length, opened };
	});
}

/** An evaluator's declaration of no conflict of interest (before reading any tender). */
export async function declare(app: App, actor: UserActor, ctx: TenderContext, statement: string | undefined): Promise<{ declaredAt: string }> {
	if (actor.organisationKind !== 'buyer' || !ctx.initiative.membership || ctx.initiative.membership.role === 'observer') {
		throw new ApiError(403, 'forbidden', 'Bara teamets medlemmar i den upphandlande organisationen utvärderar anbud.');
	}
	return app.db.transaction(async (tx) => {
		const now = app.clock.now();
		const inserted = await tx
			.insert(tenderDeclarations)
			.values({ tenderId: ctx.tender.id, userId: actor.userId, statement: statement ?? '', declaredAt: now })
			.onConflictDoNothing()
			.returning({ at: tenderDeclarations.declaredAt });
		if (!inserted.length) throw new ApiError(409, 'already_declared', 'Du har redan lämnat en jävsdeklaration för upphandlingen.');
		await audit.record(tx, { initiativeId: ctx.tender.initiativeId, actor: auditActor(actor), action: 'tender.declaration_given', data: { tenderId: ctx.tender.id, statement: !!statement } });
		return { declaredAt: now.toISOString() };
	});
}

/** An evaluator's score on a quality criterion (price is computed by formula). */
export async function score(app: App, actor: UserActor, ctx: TenderContext, input: { submissionId: string; criterionId: string; score: number; motivation: string }): Promise<void> {
	if (ctx.tender.awardedAt) throw new ApiError(409, 'already_awarded', 'Tilldelningsbeslutet är fattat; poängen kan inte ändras.');
	const criterion = ctx.tender.criteria.find((c) => c.id === input.criterionId);
	if (!criterion) throw new ApiError(400, 'unknown_criterion', 'Kriteriet finns inte i upphandlingen.');
	if (criterion.kind === 'price') throw new ApiError(400, 'price_by_formula', 'Priset poängsätts med formeln, inte för hand.');
	await app.db.transaction(async (tx) => {
		const [sub] = await tx
			.select({ id: tenderSubmissions.id })
			.from(tenderSubmissions)
			.where(and(eq(tenderSubmissions.id, input.submissionId), eq(tenderSubmissions.tenderId, ctx.tender.id)));
		if (!sub) throw new ApiError(400, 'unknown_submission', 'Anbudet finns inte i upphandlingen.');
		const now = app.clock.now();
		await tx
			.insert(tenderScores)
			.values({ tenderId: ctx.tender.id, submissionId: sub.id, criterionId: criterion.id, userId: actor.userId, score: input.score, motivation: input.motivation, updatedAt: now })
			.onConflictDoUpdate({
				target: [tenderScores.submissionId, tenderScores.criterionId, tenderScores.userId],
				set: { score: input.score, motivation: input.motivation, updatedAt: now }
			});
		await audit.record(tx, {
			initiativeId: ctx.tender.initiativeId,
			actor: auditActor(actor),
			action: 'tender.scored',
			data: { tenderId: ctx.tender.id, submissionId: sub.id, criterionId: criterion.id, criterion: criterion.name, score: input.score }
		});
	});
}

/**
 * The authority's assessment of one confidentiality request (rule 4), after the opening. The
 * journal records which request and the outcome, not the reason (which may paraphrase what the
 * supplier wants kept secret). Can be changed until the award, when the public version is made.
 */
export async function decideConfidentiality(app: App, actor: UserActor, ctx: TenderContext, input: { submissionId: string; index: number; granted: boolean; reason: string }): Promise<void> {
	if (ctx.tender.awardedAt) throw new ApiError(409, 'already_awarded', 'Tilldelningsbeslutet är fattat; sekretessprövningen kan inte ändras.');
	const sub = (await verifySubmissions(app, app.db, ctx.tender)).find((s) => s.receiptId === input.submissionId);
	if (!sub) throw new ApiError(400, 'unknown_submission', 'Anbudet finns inte i upphandlingen.');
	if (!sub.content || input.index >= sub.content.confidentiality.length) throw new ApiError(400, 'unknown_request', 'Anbudet har ingen sådan begäran om sekretess.');
	await app.db.transaction(async (tx) => {
		const now = app.clock.now();
		const values = { granted: input.granted, reason: input.reason, decidedBy: actor.userId, decidedAt: now };
		await tx
			.insert(tenderConfidentialityDecisions)
			.values({ submissionId: sub.receiptId, index: input.index, ...values })
			.onConflictDoUpdate({ target: [tenderConfidentialityDecisions.submissionId, tenderConfidentialityDecisions.index], set: values });
		await audit.record(tx, {
			initiativeId: ctx.tender.initiativeId,
			actor: auditActor(actor),
			action: 'tender.confidentiality_decided',
			data: { tenderId: ctx.tender.id, submissionId: sub.receiptId, index: input.index, granted: input.granted }
		});
	});
}

/**
 * Qualification (kvalificering), after the opening and before the award: the team records whether
 * the tenderer meets the qualification requirements, with a reason. A tender recorded as not
 * qualified leaves the ranking and cannot be awarded; the record can be changed until the award.
 * The journal records the outcome and the reason (it assesses the tenderer, not the tender's text).
 */
export async function qualify(app: App, actor: UserActor, ctx: TenderContext, input: { submissionId: string; qualified: boolean; reason: string }): Promise<{ qualified: boolean; decidedAt: string }> {
	return app.db.transaction(async (tx) => {
		const [current] = await tx.select({ awardedAt: tenders.awardedAt }).from(tenders).where(eq(tenders.id, ctx.tender.id)).for('update');
		if (current.awardedAt) throw new ApiError(409, 'already_awarded', 'Tilldelningsbeslutet är fattat; kvalificeringen kan inte ändras.');
		const [sub] = await tx
			.select({ id: tenderSubmissions.id, organisationId: tenderSubmissions.organisationId })
			.from(tenderSubmissions)
			.where(and(eq(tenderSubmissions.id, input.submissionId.toLowerCase()), eq(tenderSubmissions.tenderId, ctx.tender.id)));
		if (!sub) throw new ApiError(400, 'unknown_submission', 'Anbudet finns inte i upphandlingen.');
		const now = app.clock.now();
		const values = { qualified: input.qualified, reason: input.reason, decidedBy: actor.userId, decidedAt: now };
		await tx
			.insert(tenderQualifications)
			.values({ submissionId: sub.id, tenderId: ctx.tender.id, ...values })
			.onConflictDoUpdate({ target: tenderQualifications.submissionId, set: values });
		await audit.record(tx, {
			initiativeId: ctx.tender.initiativeId,
			actor: auditActor(actor),
			action: 'tender.qualification_recorded',
			data: { tenderId: ctx.tender.id, submissionId: sub.id, organisationId: sub.organisationId, qualified: input.qualified, reason: input.reason }
		});
		return { qualified: input.qualified, decidedAt: now.toISOString() };
	});
}

/** The award decision: notifies every supplier of the round and starts the standstill on the server's clock. */
export async function award(app: App, actor: UserActor, ctx: TenderContext, input: { submissionId: string; motivation: string }): Promise<{ awardedAt: string; standstillEndsAt: string }> {
	return app.db.transaction(async (tx) => {
		const [current] = await tx.select().from(tenders).where(eq(tenders.id, ctx.tender.id)).for('update');
		if (!current.openedAt) throw new ApiError(409, 'not_opened', 'Anbuden är inte öppnade.');
		if (current.awardedAt) throw new ApiError(409, 'already_awarded', 'Tilldelningsbeslutet är redan fattat.');
		const [sub] = await tx
			.select({ id: tenderSubmissions.id })
			.from(tenderSubmissions)
			.where(and(eq(tenderSubmissions.id, input.submissionId), eq(tenderSubmissions.tenderId, current.id)));
		if (!sub) throw new ApiError(400, 'unknown_submission', 'Anbudet finns inte i upphandlingen.');
		const [q] = await tx.select({ qualified: tenderQualifications.qualified }).from(tenderQualifications).where(eq(tenderQualifications.submissionId, sub.id));
		if (q && !q.qualified) throw new ApiError(409, 'not_qualified', 'Anbudsgivaren är inte kvalificerad och kan inte tilldelas kontraktet.');
		const now = app.clock.now();
		const standstillEndsAt = new Date(now.getTime() + app.config.TENDER_STANDSTILL_DAYS * 86_400_000);
		await tx.update(tenders).set({ awardedSubmissionId: sub.id, awardMotivation: input.motivation, awardedAt: now, standstillEndsAt }).where(eq(tenders.id, current.id));
		await audit.record(tx, {
			initiativeId: current.initiativeId,
			actor: auditActor(actor),
			action: 'tender.awarded',
			data: { tenderId: current.id, submissionId: sub.id, standstillEndsAt: standstillEndsAt.toISOString(), standstillDays: app.config.TENDER_STANDSTILL_DAYS }
		});
		await notify(app, tx, {
			userIds: await participantUserIds(tx, current.id),
			kind: 'tender.awarded',
			data: { title: current.title, standstillEndsAt: standstillEndsAt.toISOString() },
			link: supplierLink(current.id)
		});
		await notify(app, tx, {
			userIds: await buyerTeamUserIds(tx, current.initiativeId),
			kind: 'tender.awarded',
			data: { title: current.title, standstillEndsAt: standstillEndsAt.toISOString() },
			link: `/initiatives/${current.initiativeId}/tenders/${current.id}`,
			mail: false
		});
		return { awardedAt: now.toISOString(), standstillEndsAt: standstillEndsAt.toISOString() };
	});
}

/** Marks the contract signed; refused during the standstill (LOU 20:1). */
export async function signContract(app: App, actor: UserActor, ctx: TenderContext): Promise<{ contractSignedAt: string }> {
	return app.db.transaction(async (tx) => {
		const [current] = await tx.select().from(tenders).where(eq(tenders.id, ctx.tender.id)).for('update');
		if (!current.awardedAt || !current.standstillEndsAt) throw new ApiError(409, 'not_awarded', 'Inget tilldelningsbeslut är fattat.');
		if (current.contractSignedAt) throw new ApiError(409, 'already_signed', 'Avtalet är redan markerat som tecknat.');
		const now = app.clock.now();
		if (now.getTime() < current.standstillEndsAt.getTime()) {
			throw new ApiError(409, 'standstill', `Avtalsspärren löper till ${current.standstillEndsAt.toISOString()}; avtal får inte tecknas före dess.`);
		}
		await tx.update(tenders).set({ contractSignedAt: now }).where(eq(tenders.id, current.id));
		await audit.record(tx, { initiativeId: current.initiativeId, actor: auditActor(actor), action: 'tender.contract_signed', data: { tenderId: current.id, submissionId: current.awardedSubmissionId } });
		return { contractSignedAt: now.toISOString() };
	});
}
