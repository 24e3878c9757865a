/**
 * Changes to RFI rounds. Each command assumes the route asked the policy (`access.ts`); it
 * enforces what the policy cannot see from a role alone — deadlines by the server's clock,
 * question revisions, what an answer may contain — and writes the journal and the
 * notifications in the same transaction as the change.
 *
 * Drafts are the supplier's working material, shared within its organisation: saving one is not
 * journalled (it is not yet a record, and the buyer never sees it); submitting is.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { needs, rfiAnswerNotes, rfiClarifications, rfiQuestions, rfiResponses, rfis, supplierParticipants } from '../db/schema/index.ts';
import type { ConfidentialityRequest, RfiAnswer } from '../db/schema/rfi.ts';
import type { Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import * as audit from '../audit/index.ts';
import { ApiError, notFound } from '../http/api.ts';
import { notify } from '../notifications/index.ts';
import { getVersion } from '../requirements/versions.ts';
import * as files from '../files/index.ts';
import type { Rfi, RfiContext } from './access.ts';
import { buyerTeamUserIds, organisationUserIds, participantUserIds as admitted } from '../market/recipients.ts';
import { auditActor } from '../initiatives/commands.ts';
import { scheduleReminders } from './reminders.ts';
import type { CreateRfiInput, ResponseInput, UpdateRfiInput } from './validation.ts';

const link = (rfiId: string) => `/rfis/${rfiId}`;
export const deadlinePassed = (what: 'questions' | 'answers') =>
	new ApiError(409, 'deadline_passed', what === 'answers' ? 'Sista dag för svar har passerat.' : 'Sista dag för frågor har passerat.');

type QuestionInput = CreateRfiInput['questions'][number];

async function checkDeadlines(app: App, input: { questionsDeadline?: Date; answersDeadline?: Date }) {
	const now = app.clock.now().getTime();
	for (const [key, label] of [
		['questionsDeadline', 'Sista dag för frågor'],
		['answersDeadline', 'Sista dag för svar']
	] as const) {
		const d = input[key];
		if (d && d.getTime() <= now) throw new ApiError(400, 'deadline_in_past', `${label} måste ligga i framtiden.`);
	}
}

/** Needs and requirements a question links to must be the initiative's own. */
async function checkLinks(tx: Tx, actor: UserActor, initiativeId: string, questions: QuestionInput[], requirementsVersion: number | null | undefined) {
	const needIds = [...new Set(questions.map((q) => q.needId).filter((id): id is string => !!id))];
	if (needIds.length) {
		const found = await tx.select({ id: needs.id }).from(needs).where(and(eq(needs.initiativeId, initiativeId), inArray(needs.id, needIds)));
		if (found.length !== needIds.length) throw new ApiError(400, 'unknown_need', 'En fråga är kopplad till ett behov som inte finns i initiativet.');
	}
	if (requirementsVersion != null) {
		const version = await getVersion(tx as never, actor, initiativeId, requirementsVersion);
		if (!version) throw new ApiError(400, 'unknown_version', `Kravversion ${requirementsVersion} finns inte.`);
		const uids = new Set(version.requirements.map((r) => r.uid));
		if (questions.some((q) => q.requirementUid && !uids.has(q.requirementUid))) {
			throw new ApiError(400, 'unknown_requirement', 'En fråga är kopplad till ett krav som inte finns i den bifogade kravversionen.');
		}
	} else if (questions.some((q) => q.requirementUid)) {
		throw new ApiError(400, 'unknown_requirement', 'Bifoga en publicerad kravversion för att koppla frågor till krav.');
	}
}

const questionRow = (rfiId: string, q: QuestionInput, position: number, revision: number) => ({
	rfiId,
	position,
	text: q.text,
	kind: q.kind,
	options: q.kind === 'choice' ? (q.options ?? []) : [],
	multiple: q.kind === 'choice' ? !!q.multiple : false,
	needId: q.needId ?? null,
	requirementUid: q.requirementUid ?? null,
	revision
});

/** Creates a draft round in an initiative. */
export async function createRfi(app: App, actor: UserActor, initiativeId: string, input: CreateRfiInput): Promise<{ id: string }> {
	await checkDeadlines(app, input);
	return app.db.transaction(async (tx) => {
		await checkLinks(tx, actor, initiativeId, input.questions, input.requirementsVersion);
		const [row] = await tx
			.insert(rfis)
			.values({
				initiativeId,
				title: input.title,
				intro: input.intro ?? '',
				questionsDeadline: input.questionsDeadline,
				answersDeadline: input.answersDeadline,
				requirementsVersion: input.requirementsVersion ?? null,
				open: input.open ?? false,
				createdBy: actor.userId
			})
			.returning({ id: rfis.id });
		await tx.insert(rfiQuestions).values(input.questions.map((q, i) => questionRow(row.id, q, i, 0)));
		await audit.record(tx, {
			initiativeId,
			actor: auditActor(actor),
			action: 'rfi.created',
			data: { rfiId: row.id, title: input.title, questions: input.questions.length, open: input.open ?? false }
		});
		return { id: row.id };
	});
}

const sameQuestion = (a: typeof rfiQuestions.$inferSelect, b: QuestionInput) =>
	a.text === b.text &&
	a.kind === b.kind &&
	JSON.stringify(a.options) === JSON.stringify(b.kind === 'choice' ? (b.options ?? []) : []) &&
	a.multiple === (b.kind === 'choice' ? !!b.multiple : false) &&
	(a.needId ?? null) === (b.needId ?? null) &&
	(a.requirementUid ?? null) === (b.requirementUid ?? null);

/**
 * Changes a round. Before publication anything may change. After it, a change of questions is a
 * new revision: changed and new questions carry it, removed ones are kept (answers still read
 * against them), every supplier in the round is notified, and answers already given to changed
 * questions are marked for review.
 */
export async function updateRfi(app: App, actor: UserActor, ctx: RfiContext, input: UpdateRfiInput): Promise<{ revision: number }> {
	await checkDeadlines(app, input);
	const rfi = ctx.rfi;
	return app.db.transaction(async (tx) => {
		const [current] = await tx.select().from(rfis).where(eq(rfis.id, rfi.id)).for('update');
		const published = current.publishedAt !== null;
		const deadlines = {
			questionsDeadline: input.questionsDeadline ?? current.questionsDeadline,
			answersDeadline: input.answersDeadline ?? current.answersDeadline
		};
		if (deadlines.questionsDeadline.getTime() > deadlines.answersDeadline.getTime()) {
			throw new ApiError(400, 'invalid_request', 'Sista dag för frågor kan inte ligga efter sista dag för svar.');
		}
		const version = input.requirementsVersion !== undefined ? input.requirementsVersion : current.requirementsVersion;
		let revision = current.revision;
		const changedQuestionIds: string[] = [];
		if (input.questions) {
			await checkLinks(tx, actor, current.initiativeId, input.questions, version);
			const existing = await tx.select().from(rfiQuestions).where(eq(rfiQuestions.rfiId, rfi.id)).orderBy(asc(rfiQuestions.position));
			const byId = new Map(existing.filter((q) => !q.removedAt).map((q) => [q.id, q]));
			for (const q of input.questions) if (q.id && !byId.has(q.id)) throw new ApiError(400, 'unknown_question', 'En fråga i ändringen finns inte i rundan.');
			if (!published) {
				await tx.delete(rfiQuestions).where(eq(rfiQuestions.rfiId, rfi.id));
				await tx.insert(rfiQuestions).values(input.questions.map((q, i) => questionRow(rfi.id, q, i, 0)));
			} else {
				const next = revision + 1;
				const kept = new Set<string>();
				for (const [i, q] of input.questions.entries()) {
					const old = q.id ? byId.get(q.id) : undefined;
					if (old) {
						kept.add(old.id);
						const same = sameQuestion(old, q);
						await tx
							.update(rfiQuestions)
							.set({ ...questionRow(rfi.id, q, i, same ? old.revision : next) })
							.where(eq(rfiQuestions.id, old.id));
						if (!same) changedQuestionIds.push(old.id);
					} else {
						const [added] = await tx.insert(rfiQuestions).values(questionRow(rfi.id, q, i, next)).returning({ id: rfiQuestions.id });
						changedQuestionIds.push(added.id);
					}
				}
				for (const old of byId.values()) {
					if (!kept.has(old.id)) {
						await tx.update(rfiQuestions).set({ removedAt: app.clock.now(), revision: next }).where(eq(rfiQuestions.id, old.id));
						changedQuestionIds.push(old.id);
					}
				}
				if (changedQuestionIds.length) revision = next;
			}
		}
		await tx
			.update(rfis)
			.set({
				...(input.title !== undefined ? { title: input.title } : {}),
				...(input.intro !== undefined ? { intro: input.intro } : {}),
				...(input.open !== undefined ? { open: input.open } : {}),
				requirementsVersion: version ?? null,
				...deadlines,
				revision,
				updatedAt: app.clock.now()
			})
			.where(eq(rfis.id, rfi.id));
		await audit.record(tx, {
			initiativeId: current.initiativeId,
			actor: auditActor(actor),
			action: published && revision !== current.revision ? 'rfi.revised' : 'rfi.updated',
			data: {
				rfiId: rfi.id,
				title: input.title ?? current.title,
				revision,
				changedQuestions: changedQuestionIds.length,
				...(input.questionsDeadline ? { questionsDeadline: deadlines.questionsDeadline.toISOString() } : {}),
				...(input.answersDeadline ? { answersDeadline: deadlines.answersDeadline.toISOString() } : {})
			}
		});
		if (published) {
			await scheduleReminders(app, tx, { ...current, ...deadlines });
			if (revision !== current.revision) {
				await notify(app, tx, { userIds: await admitted(tx, 'rfi', rfi.id), kind: 'rfi.revised', data: { title: input.title ?? current.title, revision }, link: link(rfi.id) });
			}
		}
		return { revision };
	});
}

/** Publishes a draft round: visible to invited (and, when open, all) suppliers from now on. */
export async function publishRfi(app: App, actor: UserActor, ctx: RfiContext, opts: { buyerName: string }): Promise<{ publishedAt: string; revision: number }> {
	return app.db.transaction(async (tx) => {
		const [current] = await tx.select().from(rfis).where(eq(rfis.id, ctx.rfi.id)).for('update');
		if (current.publishedAt) throw new ApiError(409, 'already_published', 'Rundan är redan publicerad.');
		const now = app.clock.now();
		if (current.answersDeadline.getTime() <= now.getTime()) throw new ApiError(409, 'deadline_passed', 'Sista dag för svar har redan passerat. Flytta den innan rundan publiceras.');
		const questions = await tx.select({ id: rfiQuestions.id }).from(rfiQuestions).where(and(eq(rfiQuestions.rfiId, current.id), isNull(rfiQuestions.removedAt)));
		if (!questions.length) throw new ApiError(409, 'no_questions', 'Lägg till minst en fråga innan rundan publiceras.');
		await tx.update(rfis).set({ publishedAt: now, revision: 1, updatedAt: now }).where(eq(rfis.id, current.id));
		await tx.update(rfiQuestions).set({ revision: 1 }).where(eq(rfiQuestions.rfiId, current.id));
		await audit.record(tx, {
			initiativeId: current.initiativeId,
			actor: auditActor(actor),
			action: 'rfi.published',
			data: { rfiId: current.id, title: current.title, open: current.open, questions: questions.length, answersDeadline: current.answersDeadline.toISOString() }
		});
		await scheduleReminders(app, tx, current);
		await notify(app, tx, {
			userIds: await admitted(tx, 'rfi', current.id),
			kind: 'rfi.published',
			data: { title: current.title, buyer: opts.buyerName, answersDeadline: current.answersDeadline.toISOString() },
			link: link(current.id)
		});
		return { publishedAt: now.toISOString(), revision: 1 };
	});
}

/** Admits a supplier organisation to an open round the first time one of its users acts in it. */
async function joinIfOpen(tx: Tx, rfi: Rfi, actor: UserActor) {
	if (!rfi.open) return;
	await tx.insert(supplierParticipants).values({ subjectKind: 'rfi', subjectId: rfi.id, organisationId: actor.organisationId, via: 'open' }).onConflictDoNothing();
}

/**
 * Checks the answers against the round's current questions: known question, value of the
 * question's kind, choices among its options, a scale 1–5, files uploaded by this organisation
 * to this round.
 */
async function checkAnswers(tx: Tx, rfi: Rfi, actor: UserActor, input: ResponseInput): Promise<{ answers: RfiAnswer[]; confidentiality: ConfidentialityRequest[] }> {
	const questions = await tx.select().from(rfiQuestions).where(and(eq(rfiQuestions.rfiId, rfi.id), isNull(rfiQuestions.removedAt)));
	const byId = new Map(questions.map((q) => [q.id, q]));
	const seen = new Set<string>();
	const answers: RfiAnswer[] = [];
	const bad = (n: number, message: string) => new ApiError(400, 'invalid_answer', `Svar ${n + 1}: ${message}`);
	for (const [i, a] of input.answers.entries()) {
		const q = byId.get(a.questionId);
		if (!q) throw new ApiError(400, 'unknown_question', `Svar ${i + 1}: frågan finns inte i rundan.`);
		if (seen.has(q.id)) throw bad(i, 'frågan besvaras två gånger.');
		seen.add(q.id);
		const v = a.value;
		if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
			answers.push({ questionId: q.id, value: null });
			continue;
		}
		switch (q.kind) {
			case 'text':
				if (typeof v !== 'string') throw bad(i, 'svaret ska vara text.');
				break;
			case 'scale':
				if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) throw bad(i, 'svaret ska vara en siffra 1–5.');
				break;
			case 'choice': {
				const picked = Array.isArray(v) ? v : [v];
				if (picked.some((p) => typeof p !== 'string' || !q.options.includes(p))) throw bad(i, 'välj bland svarsalternativen.');
				if (!q.multiple && picked.length > 1) throw bad(i, 'välj ett alternativ.');
				break;
			}
			case 'file': {
				const ids = Array.isArray(v) ? v : [v];
				if (ids.some((id) => typeof id !== 'string')) throw bad(i, 'ange filer som laddats upp till rundan.');
				const found = await files.metas(tx, ids as string[]);
				const ok = found.length === new Set(ids).size && found.every((f) => f.purpose === 'rfi_answer' && f.ownerId === rfi.id && f.organisationId === actor.organisationId);
				if (!ok) throw bad(i, 'ange filer som er organisation laddat upp till rundan.');
				break;
			}
		}
		answers.push({ questionId: q.id, value: v });
	}
	const confidentiality = (input.confidentiality ?? []).map((c, i) => {
		if (c.questionId && !byId.has(c.questionId)) throw new ApiError(400, 'unknown_question', `Sekretessbegäran ${i + 1}: frågan finns inte i rundan.`);
		return { ...(c.questionId ? { questionId: c.questionId } : {}), what: c.what, why: c.why };
	});
	return { answers, confidentiality };
}

/**
 * Saves the organisation's draft (any colleague may continue it). Refused after the answer
 * deadline (409 `deadline_passed`), and when a colleague saved a newer draft than the one the
 * editor started from (409 `draft_conflict`, with the newer version, so nothing is overwritten
 * silently).
 */
export async function saveDraft(app: App, actor: UserActor, ctx: RfiContext, input: ResponseInput): Promise<{ draftVersion: number; updatedAt: string }> {
	return app.db.transaction(async (tx) => {
		const [rfi] = await tx.select().from(rfis).where(eq(rfis.id, ctx.rfi.id)).for('share');
		if (rfi.answersDeadline.getTime() <= app.clock.now().getTime()) throw deadlinePassed('answers');
		const checked = await checkAnswers(tx, rfi, actor, input);
		await joinIfOpen(tx, rfi, actor);
		const [existing] = await tx
			.select({ id: rfiResponses.id, draftVersion: rfiResponses.draftVersion })
			.from(rfiResponses)
			.where(and(eq(rfiResponses.rfiId, rfi.id), eq(rfiResponses.organisationId, actor.organisationId)))
			.for('update');
		if (existing && input.baseVersion !== undefined && input.baseVersion !== existing.draftVersion) {
			throw new ApiError(409, 'draft_conflict', 'En kollega har sparat en nyare version av svaret. Ladda om för att se den innan du sparar.');
		}
		const now = app.clock.now();
		const [row] = existing
			? await tx
					.update(rfiResponses)
					.set({ ...checked, draftVersion: existing.draftVersion + 1, updatedBy: actor.userId, updatedAt: now })
					.where(eq(rfiResponses.id, existing.id))
					.returning({ draftVersion: rfiResponses.draftVersion, updatedAt: rfiResponses.updatedAt })
			: await tx
					.insert(rfiResponses)
					.values({ rfiId: rfi.id, organisationId: actor.organisationId, ...checked, draftVersion: 1, updatedBy: actor.userId, updatedAt: now })
					.returning({ draftVersion: rfiResponses.draftVersion, updatedAt: rfiResponses.updatedAt });
		return { draftVersion: row.draftVersion, updatedAt: row.updatedAt.toISOString() };
	});
}

/**
 * Submits the organisation's current draft: it becomes what the buyer sees, frozen until the
 * next submission. The deadline is checked inside the transaction that stores it, by the
 * server's clock.
 */
export async function submit(app: App, actor: UserActor, ctx: RfiContext, organisationName: string): Promise<{ submittedAt: string; revision: number }> {
	return app.db.transaction(async (tx) => {
		const [rfi] = await tx.select().from(rfis).where(eq(rfis.id, ctx.rfi.id)).for('share');
		const now = app.clock.now();
		if (rfi.answersDeadline.getTime() <= now.getTime()) throw deadlinePassed('answers');
		const [response] = await tx
			.select()
			.from(rfiResponses)
			.where(and(eq(rfiResponses.rfiId, rfi.id), eq(rfiResponses.organisationId, actor.organisationId)))
			.for('update');
		if (!response || !response.answers.some((a) => a.value !== null)) throw new ApiError(409, 'empty_response', 'Svaret är tomt. Besvara minst en fråga innan ni lämnar in.');
		await tx
			.update(rfiResponses)
			.set({
				submittedAnswers: response.answers,
				submittedConfidentiality: response.confidentiality,
				submittedAt: now,
				submittedBy: actor.userId,
				submittedRevision: rfi.revision
			})
			.where(eq(rfiResponses.id, response.id));
		await audit.record(tx, {
			initiativeId: rfi.initiativeId,
			actor: auditActor(actor),
			action: 'rfi.response_submitted',
			data: {
				rfiId: rfi.id,
				responseId: response.id,
				organisationId: actor.organisationId,
				revision: rfi.revision,
				answers: response.answers.filter((a) => a.value !== null).length,
				confidentialityRequests: response.confidentiality.length,
				resubmission: response.submittedAt !== null
			}
		});
		await notify(app, tx, {
			userIds: await organisationUserIds(tx, actor.organisationId),
			kind: 'rfi.response_received',
			data: { title: rfi.title, submittedAt: now.toISOString() },
			link: link(rfi.id)
		});
		await notify(app, tx, {
			userIds: await buyerTeamUserIds(tx, rfi.initiativeId),
			kind: 'rfi.response_submitted',
			data: { title: rfi.title, organisation: organisationName },
			link: `/initiatives/${rfi.initiativeId}/rfis/${rfi.id}/responses`,
			mail: false
		});
		return { submittedAt: now.toISOString(), revision: rfi.revision };
	});
}

/** A supplier's clarification question, until the question deadline. Only the buyer team learns who asked. */
export async function askClarification(app: App, actor: UserActor, ctx: RfiContext, question: string): Promise<{ id: string }> {
	return app.db.transaction(async (tx) => {
		const [rfi] = await tx.select().from(rfis).where(eq(rfis.id, ctx.rfi.id)).for('share');
		if (rfi.questionsDeadline.getTime() <= app.clock.now().getTime()) throw deadlinePassed('questions');
		await joinIfOpen(tx, rfi, actor);
		const [row] = await tx
			.insert(rfiClarifications)
			.values({ rfiId: rfi.id, kind: 'question', askedBy: actor.userId, askedByOrganisation: actor.organisationId, question, createdAt: app.clock.now() })
			.returning({ id: rfiClarifications.id });
		await audit.record(tx, {
			initiativeId: rfi.initiativeId,
			actor: auditActor(actor),
			action: 'rfi.clarification_asked',
			data: { rfiId: rfi.id, clarificationId: row.id, organisationId: actor.organisationId }
		});
		await notify(app, tx, {
			userIds: await buyerTeamUserIds(tx, rfi.initiativeId),
			kind: 'rfi.clarification_asked',
			data: { title: rfi.title },
			link: `/initiatives/${rfi.initiativeId}/rfis/${rfi.id}`
		});
		return { id: row.id };
	});
}

/**
 * Answers a clarification question and publishes question and answer to every supplier of the
 * round at once, without the asker. The buyer may reword the question (`question`) when the
 * original would identify the asker.
 */
export async function answerClarification(
	app: App,
	actor: UserActor,
	ctx: RfiContext,
	clarificationId: string,
	input: { question?: string; answer: string }
): Promise<{ id: string; publishedAt: string }> {
	return app.db.transaction(async (tx) => {
		const [c] = await tx
			.select()
			.from(rfiClarifications)
			.where(and(eq(rfiClarifications.id, clarificationId), eq(rfiClarifications.rfiId, ctx.rfi.id)))
			.for('update');
		if (!c) throw notFound();
		if (c.publishedAt) throw new ApiError(409, 'already_published', 'Frågan är redan besvarad och publicerad.');
		const now = app.clock.now();
		const publishedQuestion = input.question ?? c.question;
		await tx
			.update(rfiClarifications)
			.set({ publishedQuestion, answer: input.answer, answeredBy: actor.userId, publishedAt: now })
			.where(eq(rfiClarifications.id, c.id));
		await audit.record(tx, {
			initiativeId: ctx.rfi.initiativeId,
			actor: auditActor(actor),
			action: 'rfi.clarification_published',
			data: { rfiId: ctx.rfi.id, clarificationId: c.id, reworded: publishedQuestion !== c.question }
		});
		await notify(app, tx, { userIds: await admitted(tx, 'rfi', ctx.rfi.id), kind: 'rfi.clarification_published', data: { title: ctx.rfi.title }, link: link(ctx.rfi.id) });
		return { id: c.id, publishedAt: now.toISOString() };
	});
}

/** Publishes a notice (e.g. notes from a dialogue meeting) to every supplier of the round at once. */
export async function publishNotice(app: App, actor: UserActor, ctx: RfiContext, input: { title: string; body: string }): Promise<{ id: string; publishedAt: string }> {
	return app.db.transaction(async (tx) => {
		const now = app.clock.now();
		const [row] = await tx
			.insert(rfiClarifications)
			.values({ rfiId: ctx.rfi.id, kind: 'notice', question: input.title, publishedQuestion: input.title, answer: input.body, answeredBy: actor.userId, createdAt: now, publishedAt: now })
			.returning({ id: rfiClarifications.id });
		await audit.record(tx, {
			initiativeId: ctx.rfi.initiativeId,
			actor: auditActor(actor),
			action: 'rfi.notice_published',
			data: { rfiId: ctx.rfi.id, clarificationId: row.id, title: input.title }
		});
		await notify(app, tx, { userIds: await admitted(tx, 'rfi', ctx.rfi.id), kind: 'rfi.notice_published', data: { title: ctx.rfi.title, notice: input.title }, link: link(ctx.rfi.id) });
		return { id: row.id, publishedAt: now.toISOString() };
	});
}

/** The buyer team's note on one submitted answer: tags, a score, a comment. */
export async function saveNote(
	app: App,
	actor: UserActor,
	ctx: RfiContext,
	input: { responseId: string; questionId: string; tags?: string[]; score?: number | null; note?: string }
): Promise<void> {
	await app.db.transaction(async (tx) => {
		const [response] = await tx
			.select({ id: rfiResponses.id, submittedAt: rfiResponses.submittedAt })
			.from(rfiResponses)
			.where(and(eq(rfiResponses.id, input.responseId), eq(rfiResponses.rfiId, ctx.rfi.id)));
		// A draft is not the buyer's to see, so not theirs to note either.
		if (!response?.submittedAt) throw notFound();
		const [question] = await tx
			.select({ id: rfiQuestions.id })
			.from(rfiQuestions)
			.where(and(eq(rfiQuestions.id, input.questionId), eq(rfiQuestions.rfiId, ctx.rfi.id)));
		if (!question) throw notFound();
		const values = { tags: input.tags ?? [], score: input.score ?? null, note: input.note ?? '', updatedBy: actor.userId, updatedAt: app.clock.now() };
		await tx
			.insert(rfiAnswerNotes)
			.values({ responseId: response.id, questionId: question.id, ...values })
			.onConflictDoUpdate({ target: [rfiAnswerNotes.responseId, rfiAnswerNotes.questionId], set: values });
		await audit.record(tx, {
			initiativeId: ctx.rfi.initiativeId,
			actor: auditActor(actor),
			action: 'rfi.answer_noted',
			data: { rfiId: ctx.rfi.id, responseId: response.id, questionId: question.id, score: values.score, tags: values.tags }
		});
	});
}

/** The round's summary and what it taught about the market (read by the procedure advisor). */
export async function saveAnalysis(app: App, actor: UserActor, ctx: RfiContext, input: { summary?: string; marketFinding?: string | null }): Promise<void> {
	await app.db.transaction(async (tx) => {
		await tx
			.update(rfis)
			.set({
				...(input.summary !== undefined ? { summary: input.summary } : {}),
				...(input.marketFinding !== undefined ? { marketFinding: input.marketFinding as typeof rfis.$inferInsert.marketFinding } : {}),
				updatedAt: app.clock.now()
			})
			.where(eq(rfis.id, ctx.rfi.id));
		await audit.record(tx, {
			initiativeId: ctx.rfi.initiativeId,
			actor: auditActor(actor),
			action: 'rfi.analysis_saved',
			data: { rfiId: ctx.rfi.id, marketFinding: input.marketFinding ?? null, summaryChanged: input.summary !== undefined }
		});
	});
}
