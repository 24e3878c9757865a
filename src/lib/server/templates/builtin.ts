/**
 * The template parts of the capabilities that existed before sprints and pilots: the workshop
 * set-up, the RFI question set and the tender evaluation model. Each `capture` picks its fields
 * one by one from a whitelist (`WORKSHOP_FIELDS` …) and never copies ids that point back into
 * the original initiative; each `apply` re-checks the stored shape before writing, since a
 * template outlives the code that made it.
 *
 * What is never copied, by construction: workshop cards, votes, guests and join codes; RFI
 * responses, clarifications (they carry suppliers' questions), invitations, links to needs and
 * requirements; tender submissions, scores, declarations, openers, award and anything sealed.
 */
import { and, asc, desc, eq, gt, inArray, isNull, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import { initiatives, initiativeStartingMaterial, rfiQuestions, rfis, tenders, workshops } from '../db/schema/index.ts';
import { RFI_QUESTION_KINDS } from '../db/schema/rfi.ts';
import { CRITERION_KINDS } from '../db/schema/tenders.ts';
import type { Tx } from '../db/index.ts';
import * as audit from '../audit/index.ts';
import { generateJoinCode } from '../workshops/codes.ts';
import { DAY_MS, farFromAll } from '../workshops/join-guard.ts';
import { registerTemplatePart } from './parts.ts';

const actorOf = (a: { userId: string; name: string }) => ({ userId: a.userId, label: a.name });

// ——— workshop set-up ———

export const workshopSetupSchema = z.array(
	z.object({
		title: z.string().max(200),
		question: z.string().max(2_000),
		votesPerParticipant: z.number().int().min(1).max(50),
		anonymous: z.boolean(),
		silent: z.boolean()
	})
).max(50);
export type WorkshopSetup = z.infer<typeof workshopSetupSchema>;

/** The set-up of each workshop: its question and rules. Never its cards, votes, guests or join code. */
export function captureWorkshop(w: typeof workshops.$inferSelect): WorkshopSetup[number] {
	return { title: w.title, question: w.question, votesPerParticipant: w.votesPerParticipant, anonymous: w.anonymous, silent: w.silent };
}

async function joinCodesInUse(tx: Tx): Promise<string[]> {
	const since = new Date(Date.now() - 2 * DAY_MS);
	const rows = await tx.select({ code: workshops.joinCode }).from(workshops).where(or(ne(workshops.phase, 'closed'), gt(workshops.closedAt, since)));
	return rows.map((r) => r.code);
}

registerTemplatePart({
	key: 'workshops',
	async capture(db, initiativeId) {
		const rows = await db.select().from(workshops).where(eq(workshops.initiativeId, initiativeId)).orderBy(asc(workshops.createdAt));
		return rows.length ? rows.map(captureWorkshop) : null;
	},
	async apply(tx, newInitiativeId, data, actor) {
		const setups = workshopSetupSchema.parse(data);
		const taken = await joinCodesInUse(tx);
		for (const s of setups) {
			let joinCode = generateJoinCode();
			while (!farFromAll(joinCode, taken)) joinCode = generateJoinCode();
			taken.push(joinCode);
			const [created] = await tx
				.insert(workshops)
				.values({ initiativeId: newInitiativeId, ...s, joinCode, createdBy: actor.userId })
				.returning({ id: workshops.id });
			await audit.record(tx, {
				initiativeId: newInitiativeId,
				actor: actorOf(actor),
				action: 'workshop.created',
				data: { workshopId: created.id, title: s.title, anonymous: s.anonymous, silent: s.silent, votesPerParticipant: s.votesPerParticipant, fromTemplate: true }
			});
		}
	}
});

// ——— RFI question set ———

export const rfiQuestionSetSchema = z.array(
	z.object({
		title: z.string().max(200),
		intro: z.string().max(20_000),
		questions: z.array(
			z.object({
				text: z.string().max(2_000),
				kind: z.enum(RFI_QUESTION_KINDS),
				options: z.array(z.string().max(200)).max(50),
				multiple: z.boolean()
			})
		).min(1).max(100)
	})
).max(20);
export type RfiQuestionSet = z.infer<typeof rfiQuestionSetSchema>;

/** One question as a template keeps it: the words and the answer form; not its links to the original's needs or requirements. */
export function captureQuestion(q: typeof rfiQuestions.$inferSelect): RfiQuestionSet[number]['questions'][number] {
	return { text: q.text, kind: q.kind, options: [...q.options], multiple: q.multiple };
}

/** Proposed deadlines of a round started from a template: the team sets the real ones before publishing. */
export const TEMPLATE_RFI_DAYS = { questions: 14, answers: 28 };

registerTemplatePart({
	key: 'rfi_questions',
	async capture(db, initiativeId) {
		const rounds = await db.select({ id: rfis.id, title: rfis.title, intro: rfis.intro }).from(rfis).where(eq(rfis.initiativeId, initiativeId)).orderBy(asc(rfis.createdAt));
		if (!rounds.length) return null;
		const questions = await db
			.select()
			.from(rfiQuestions)
			.where(and(inArray(rfiQuestions.rfiId, rounds.map((r) => r.id)), isNull(rfiQuestions.removedAt)))
			.orderBy(asc(rfiQuestions.position));
		const sets = rounds
			.map((r) => ({ title: r.title, intro: r.intro, questions: questions.filter((q) => q.rfiId === r.id).map(captureQuestion) }))
			.filter((r) => r.questions.length);
		return sets.length ? sets : null;
	},
	async apply(tx, newInitiativeId, data, actor) {
		const sets = rfiQuestionSetSchema.parse(data);
		// Deadlines count from the new initiative's creation (the template knows no dates); the round is a draft.
		const [ini] = await tx.select({ createdAt: initiatives.createdAt }).from(initiatives).where(eq(initiatives.id, newInitiativeId)).limit(1);
		const start = ini.createdAt.getTime();
		for (const set of sets) {
			const [row] = await tx
				.insert(rfis)
				.values({
					initiativeId: newInitiativeId,
					title: set.title,
					intro: set.intro,
					questionsDeadline: new Date(start + TEMPLATE_RFI_DAYS.questions * DAY_MS),
					answersDeadline: new Date(start + TEMPLATE_RFI_DAYS.answers * DAY_MS),
					createdBy: actor.userId
				})
				.returning({ id: rfis.id });
			await tx.insert(rfiQuestions).values(set.questions.map((q, position) => ({ rfiId: row.id, position, ...q, revision: 0 })));
			await audit.record(tx, {
				initiativeId: newInitiativeId,
				actor: actorOf(actor),
				action: 'rfi.created',
				data: { rfiId: row.id, title: set.title, questions: set.questions.length, open: false, fromTemplate: true }
			});
		}
	}
});

// ——— tender evaluation model ———

export const evaluationModelSchema = z.object({
	criteria: z.array(z.object({ name: z.string().max(200), kind: z.enum(CRITERION_KINDS), weight: z.number().min(0).max(1000) })).min(1).max(50)
});
export type EvaluationModel = z.infer<typeof evaluationModelSchema>;

export const EVALUATION_MODEL_KEY = 'tender_evaluation';

registerTemplatePart({
	key: EVALUATION_MODEL_KEY,
	async capture(db, initiativeId) {
		// The latest round's model: criteria names, kinds and weights — not the requirements they pointed at.
		const [latest] = await db.select({ criteria: tenders.criteria }).from(tenders).where(eq(tenders.initiativeId, initiativeId)).orderBy(desc(tenders.createdAt)).limit(1);
		if (!latest?.criteria.length) return null;
		return { criteria: latest.criteria.map((c) => ({ name: c.name, kind: c.kind, weight: c.weight })) } satisfies EvaluationModel;
	},
	async apply(tx, newInitiativeId, data) {
		// A tender round needs a published requirements version and named openers, which a new
		// initiative does not have yet: the model waits as starting material for the first round.
		const model = evaluationModelSchema.parse(data);
		await tx.insert(initiativeStartingMaterial).values({ initiativeId: newInitiativeId, key: EVALUATION_MODEL_KEY, data: model });
	}
});
