/**
 * RFI rounds (marknadsdialog): the round and its questions with revisions, each supplier
 * organisation's response (a draft shared within that organisation until it is submitted),
 * clarification questions answered to all, and the buyer team's analysis.
 */
import { pgTable, uuid, text, timestamp, integer, boolean, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { initiatives } from './initiatives.ts';
import { organisations, users } from './accounts.ts';

export const RFI_QUESTION_KINDS = ['text', 'choice', 'scale', 'file'] as const;
export type RfiQuestionKind = (typeof RFI_QUESTION_KINDS)[number];

export const MARKET_FINDINGS = ['exists', 'needs_adaptation', 'not_available'] as const;
export type MarketFinding = (typeof MARKET_FINDINGS)[number];

export const rfis = pgTable(
	'rfis',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		intro: text('intro').notNull().default(''),
		questionsDeadline: timestamp('questions_deadline', { withTimezone: true }).notNull(),
		answersDeadline: timestamp('answers_deadline', { withTimezone: true }).notNull(),
		/** A published requirements version attached as background (number within the initiative). */
		requirementsVersion: integer('requirements_version'),
		/** Open to every registered supplier (listed on their start page), besides the invited. */
		open: boolean('open').notNull().default(false),
		/** 0 while a draft; 1 on publication; +1 for every change of questions after it. */
		revision: integer('revision').notNull().default(0),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		/** The buyer team's analysis. */
		summary: text('summary').notNull().default(''),
		marketFinding: text('market_finding', { enum: MARKET_FINDINGS }),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('rfis_initiative_idx').on(t.initiativeId)]
);

export const rfiQuestions = pgTable(
	'rfi_questions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		rfiId: uuid('rfi_id')
			.notNull()
			.references(() => rfis.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		text: text('text').notNull(),
		kind: text('kind', { enum: RFI_QUESTION_KINDS }).notNull(),
		/** Choices for `choice`; `multiple` allows several. */
		options: jsonb('options').$type<string[]>().notNull().default([]),
		multiple: boolean('multiple').notNull().default(false),
		needId: uuid('need_id'),
		requirementUid: text('requirement_uid'),
		/** The round's revision in which this question last changed. */
		revision: integer('revision').notNull().default(0),
		/** Removed after publication: kept so earlier answers still read against their question. */
		removedAt: timestamp('removed_at', { withTimezone: true })
	},
	(t) => [index('rfi_questions_rfi_idx').on(t.rfiId, t.position)]
);

export interface RfiAnswer {
	questionId: string;
	/** Text, a choice or choices, a scale 1–5, or file ids. */
	value: string | string[] | number | null;
}

export interface ConfidentialityRequest {
	/** The question it concerns; absent = the whole response. */
	questionId?: string;
	/** What is confidential. */
	what: string;
	/** Why: what harm disclosure would cause (OSL 31:16). */
	why: string;
}

export const rfiResponses = pgTable(
	'rfi_responses',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		rfiId: uuid('rfi_id')
			.notNull()
			.references(() => rfis.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id),
		answers: jsonb('answers').$type<RfiAnswer[]>().notNull().default([]),
		confidentiality: jsonb('confidentiality').$type<ConfidentialityRequest[]>().notNull().default([]),
		/** Bumped on every save, so two colleagues editing at once learn of each other. */
		draftVersion: integer('draft_version').notNull().default(0),
		updatedBy: uuid('updated_by').references(() => users.id),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/** What the buyer sees: the last submitted answers, frozen at submission. */
		submittedAnswers: jsonb('submitted_answers').$type<RfiAnswer[]>(),
		submittedConfidentiality: jsonb('submitted_confidentiality').$type<ConfidentialityRequest[]>(),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		submittedBy: uuid('submitted_by').references(() => users.id),
		/** The round's revision the submission answered. */
		submittedRevision: integer('submitted_revision')
	},
	(t) => [uniqueIndex('rfi_responses_org_idx').on(t.rfiId, t.organisationId)]
);

export const rfiClarifications = pgTable(
	'rfi_clarifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		rfiId: uuid('rfi_id')
			.notNull()
			.references(() => rfis.id, { onDelete: 'cascade' }),
		/** `question` from a supplier, or a `notice` the buyer publishes to all (e.g. meeting notes). */
		kind: text('kind', { enum: ['question', 'notice'] }).notNull(),
		/** The asker (buyer team only ever sees these). Null for notices. */
		askedBy: uuid('asked_by').references(() => users.id),
		askedByOrganisation: uuid('asked_by_organisation').references(() => organisations.id),
		/** As asked. */
		question: text('question').notNull(),
		/** As published (edited by the buyer when the original identifies the asker). */
		publishedQuestion: text('published_question'),
		answer: text('answer'),
		answeredBy: uuid('answered_by').references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		publishedAt: timestamp('published_at', { withTimezone: true })
	},
	(t) => [index('rfi_clarifications_rfi_idx').on(t.rfiId, t.publishedAt)]
);

/** The buyer team's notes on one answer: tags, a score 1–5, a comment. */
export const rfiAnswerNotes = pgTable(
	'rfi_answer_notes',
	{
		responseId: uuid('response_id')
			.notNull()
			.references(() => rfiResponses.id, { onDelete: 'cascade' }),
		questionId: uuid('question_id')
			.notNull()
			.references(() => rfiQuestions.id, { onDelete: 'cascade' }),
		tags: jsonb('tags').$type<string[]>().notNull().default([]),
		score: integer('score'),
		note: text('note').notNull().default(''),
		updatedBy: uuid('updated_by').references(() => users.id),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('rfi_answer_notes_pk').on(t.responseId, t.questionId)]
);
