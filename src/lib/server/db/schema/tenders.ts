/**
 * Tender rounds (anbudsgivning, issue 14): the round with its criteria and named openers, each
 * supplier organisation's sealed submission, the opening, the evaluators' declarations and
 * scores, the award with its standstill, and the hearing of conflicts of interest.
 *
 * Sealed means sealed: a submission's contents (answers, price, confidentiality requests) are
 * stored only as AES-256-GCM ciphertext under the round's data key, and the data key only wrapped
 * by a key that is not in the database (`tenders/seal.ts`). Nothing else in these tables holds
 * tender text.
 */
import { pgTable, uuid, text, timestamp, integer, boolean, jsonb, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { initiatives } from './initiatives.ts';
import { bytea, organisations, users } from './accounts.ts';

export const CRITERION_KINDS = ['price', 'quality'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

/** One award criterion. `weight` is its maximum points; quality is scored 0–10 by each evaluator. */
export interface TenderCriterion {
	id: string;
	name: string;
	weight: number;
	kind: CriterionKind;
	/** Requirements (uids of the attached version) the criterion judges. */
	requirementIds: string[];
}

/** A notice published to every supplier of the round at the same time (rule 2). */
export interface TenderNotice {
	at: string;
	kind: 'advantage_shared';
}

export const tenders = pgTable(
	'tenders',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** The published requirements version the tenders answer to. */
		requirementsVersion: integer('requirements_version').notNull(),
		deadline: timestamp('deadline', { withTimezone: true }).notNull(),
		/** User ids of the named openers (at least two). */
		openers: jsonb('openers').$type<string[]>().notNull(),
		criteria: jsonb('criteria').$type<TenderCriterion[]>().notNull(),
		open: boolean('open').notNull().default(false),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		/** The round's data key wrapped by the seal key: iv (12) ‖ tag (16) ‖ ciphertext (32). */
		wrappedKey: bytea('wrapped_key').notNull(),
		/** Opening approvals: one per opener. */
		openingApprovals: jsonb('opening_approvals').$type<Array<{ userId: string; at: string }>>().notNull().default([]),
		openedAt: timestamp('opened_at', { withTimezone: true }),
		notices: jsonb('notices').$type<TenderNotice[]>().notNull().default([]),
		awardedSubmissionId: uuid('awarded_submission_id'),
		awardMotivation: text('award_motivation'),
		awardedAt: timestamp('awarded_at', { withTimezone: true }),
		standstillEndsAt: timestamp('standstill_ends_at', { withTimezone: true }),
		contractSignedAt: timestamp('contract_signed_at', { withTimezone: true }),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('tenders_initiative_idx').on(t.initiativeId)]
);

/**
 * One organisation's current tender. Withdrawing deletes the row; resubmitting replaces it (new
 * id = new receipt). `ciphertext` is iv (12) ‖ tag (16) ‖ AES-256-GCM(canonical JSON).
 */
export const tenderSubmissions = pgTable(
	'tender_submissions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		tenderId: uuid('tender_id')
			.notNull()
			.references(() => tenders.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id),
		submittedBy: uuid('submitted_by')
			.notNull()
			.references(() => users.id),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
		/** SHA-256 of the canonical plaintext (the receipt). */
		sha256: text('sha256').notNull(),
		size: integer('size').notNull(),
		ciphertext: bytea('ciphertext').notNull()
	},
	(t) => [uniqueIndex('tender_submissions_org_idx').on(t.tenderId, t.organisationId)]
);

/** An evaluator's declaration of no conflict of interest, given before reading any tender. */
export const tenderDeclarations = pgTable(
	'tender_declarations',
	{
		tenderId: uuid('tender_id')
			.notNull()
			.references(() => tenders.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		statement: text('statement').notNull().default(''),
		declaredAt: timestamp('declared_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.tenderId, t.userId] })]
);

/** One evaluator's score of one submission on one quality criterion. */
export const tenderScores = pgTable(
	'tender_scores',
	{
		tenderId: uuid('tender_id')
			.notNull()
			.references(() => tenders.id, { onDelete: 'cascade' }),
		submissionId: uuid('submission_id')
			.notNull()
			.references(() => tenderSubmissions.id, { onDelete: 'cascade' }),
		criterionId: text('criterion_id').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		score: integer('score').notNull(),
		motivation: text('motivation').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.submissionId, t.criterionId, t.userId] })]
);

export const CONFLICT_OUTCOMES = ['lifted', 'upheld'] as const;
export type ConflictOutcome = (typeof CONFLICT_OUTCOMES)[number];

export interface ConflictApproval {
	userId: string;
	decision: 'lift' | 'uphold';
	reason: string;
	procurementOfficer: boolean;
	at: string;
}

/**
 * The hearing of a barred or flagged organisation in one round: its statement, the buyer team's
 * decisions, and the outcome. Lifting needs the procurement officer and a second team member.
 */
export const tenderConflictCases = pgTable(
	'tender_conflict_cases',
	{
		tenderId: uuid('tender_id')
			.notNull()
			.references(() => tenders.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id),
		statement: text('statement'),
		statementBy: uuid('statement_by').references(() => users.id),
		statementAt: timestamp('statement_at', { withTimezone: true }),
		approvals: jsonb('approvals').$type<ConflictApproval[]>().notNull().default([]),
		outcome: text('outcome', { enum: CONFLICT_OUTCOMES }),
		decidedAt: timestamp('decided_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.tenderId, t.organisationId] })]
);

/**
 * The authority's assessment of one confidentiality request in a tender (rule 4: no blanket
 * confidentiality). `index` is the request's position in the tender's `confidentiality` list.
 * The public version masks a granted request, shows a denied one, and masks one not yet assessed.
 */
export const tenderConfidentialityDecisions = pgTable(
	'tender_confidentiality_decisions',
	{
		submissionId: uuid('submission_id')
			.notNull()
			.references(() => tenderSubmissions.id, { onDelete: 'cascade' }),
		index: integer('index').notNull(),
		granted: boolean('granted').notNull(),
		reason: text('reason').notNull(),
		decidedBy: uuid('decided_by')
			.notNull()
			.references(() => users.id),
		decidedAt: timestamp('decided_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.submissionId, t.index] })]
);

/**
 * A supplier organisation's unsubmitted tender, kept so it survives reloads and is shared by the
 * organisation's users. Sealed like a tender: AES-256-GCM under the round's data key, never
 * readable by anyone but the organisation itself, never journalled (a working draft, not a
 * record), deleted when the tender is submitted.
 */
export const tenderDrafts = pgTable(
	'tender_drafts',
	{
		tenderId: uuid('tender_id')
			.notNull()
			.references(() => tenders.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id),
		ciphertext: bytea('ciphertext').notNull(),
		updatedBy: uuid('updated_by')
			.notNull()
			.references(() => users.id),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.tenderId, t.organisationId] })]
);

/**
 * Qualification (kvalificering) of one tender after the opening and before the evaluation: the
 * buyer team records whether the tenderer is qualified, with a reason. A tender recorded as not
 * qualified is left out of the ranking and cannot be awarded.
 */
export const tenderQualifications = pgTable('tender_qualifications', {
	submissionId: uuid('submission_id')
		.primaryKey()
		.references(() => tenderSubmissions.id, { onDelete: 'cascade' }),
	tenderId: uuid('tender_id')
		.notNull()
		.references(() => tenders.id, { onDelete: 'cascade' }),
	qualified: boolean('qualified').notNull(),
	reason: text('reason').notNull(),
	decidedBy: uuid('decided_by')
		.notNull()
		.references(() => users.id),
	decidedAt: timestamp('decided_at', { withTimezone: true }).notNull()
});
