/**
 * Requirements (issue 4): published versions of the requirements specification, comment threads
 * per requirement, the first-seen record of the conflicts register, and the dated procurement
 * thresholds the procedure advisor reads.
 *
 * The draft itself is the live document `requirements.<initiativeId>` (see `collab.ts`).
 */
import { pgTable, uuid, text, timestamp, integer, bigint, bigserial, date, primaryKey, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { initiatives } from './initiatives.ts';
import { organisations, users } from './accounts.ts';
import { sprintLogEntries, sprintRooms, sprints } from './sprints.ts';

/**
 * A published, frozen version. `content` is the canonical JSON text exactly as it was served on
 * publication; `sha256` is the hash of that text. Rows are append-only (trigger in the migration).
 */
export const requirementVersions = pgTable(
	'requirement_versions',
	{
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id),
		/** 1, 2, 3 … per initiative. */
		version: integer('version').notNull(),
		content: text('content').notNull(),
		sha256: text('sha256').notNull(),
		note: text('note'),
		publishedBy: uuid('published_by')
			.notNull()
			.references(() => users.id),
		/** Display name of the publisher at the time, so the version reads the same forever. */
		publishedByName: text('published_by_name').notNull(),
		publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.initiativeId, t.version] })]
);

/** Comment threads per requirement (team only). `requirementUid` is the stable uid in the draft. */
export const requirementComments = pgTable(
	'requirement_comments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		requirementUid: text('requirement_uid').notNull(),
		authorId: uuid('author_id')
			.notNull()
			.references(() => users.id),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('requirement_comments_idx').on(t.initiativeId, t.requirementUid, t.createdAt)]
);

export const PROPOSAL_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_SOURCES = ['sprint_finding', 'manual'] as const;
export type ProposalSourceKind = (typeof PROPOSAL_SOURCES)[number];

/**
 * Requirement change proposals (issue 15): a proposed change to one requirement (`requirementUid`)
 * or a new requirement (null), from a finding in a sprint room's log (`sprint_finding`: the entry,
 * its room and sprint) or written by the buyer team (`manual`). Deciding never edits the draft:
 * an accepted proposal is shown to the requirement authors, who apply it (the authorship ledger
 * records who writes). The key ("K3") is kept beside the uid: keys are assigned once and never
 * reused, so it reads the same forever.
 */
export const requirementProposals = pgTable(
	'requirement_proposals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		requirementUid: text('requirement_uid'),
		requirementKey: text('requirement_key'),
		text: text('text').notNull(),
		sourceKind: text('source_kind', { enum: PROPOSAL_SOURCES }).notNull(),
		/** The sprint log finding that opened it (one proposal per finding). */
		findingId: uuid('finding_id').references(() => sprintLogEntries.id, { onDelete: 'cascade' }),
		roomId: uuid('room_id').references(() => sprintRooms.id, { onDelete: 'cascade' }),
		sprintId: uuid('sprint_id').references(() => sprints.id, { onDelete: 'cascade' }),
		status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('open'),
		/** Why it was accepted, rejected or withdrawn. */
		reason: text('reason'),
		decidedBy: uuid('decided_by').references(() => users.id),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull()
	},
	(t) => [index('requirement_proposals_initiative_idx').on(t.initiativeId, t.createdAt), uniqueIndex('requirement_proposals_finding_idx').on(t.findingId)]
);

export const CONFLICT_LEVELS = ['barred', 'flagged'] as const;
export type ConflictLevel = (typeof CONFLICT_LEVELS)[number];

/**
 * When a person (and through them their organisation) first appeared in an initiative's
 * conflicts register at a level. The register itself is computed from the ledger on every read;
 * this table makes each of its changes journalled exactly once.
 */
export const conflictRecords = pgTable(
	'conflict_records',
	{
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		level: text('level', { enum: CONFLICT_LEVELS }).notNull(),
		firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.initiativeId, t.organisationId, t.userId, t.level] })]
);

export const THRESHOLD_NAMES = ['direct_award', 'eu_threshold'] as const;
export type ThresholdName = (typeof THRESHOLD_NAMES)[number];
export const BUYER_KINDS = ['municipality_region', 'central_government'] as const;
export type BuyerKind = (typeof BUYER_KINDS)[number];
export const PURCHASE_KINDS = ['goods', 'services', 'works', 'social_services', 'welfare_services'] as const;
export type PurchaseKind = (typeof PURCHASE_KINDS)[number];

/**
 * Procurement thresholds as dated data. A null `buyerKind` / `purchaseKind` applies to all.
 * A row is valid from `validFrom` until `validTo` (inclusive) or, when that is null, until a
 * newer row for the same name and scope takes over.
 */
export const procurementThresholds = pgTable(
	'procurement_thresholds',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		name: text('name', { enum: THRESHOLD_NAMES }).notNull(),
		buyerKind: text('buyer_kind', { enum: BUYER_KINDS }),
		purchaseKind: text('purchase_kind', { enum: PURCHASE_KINDS }),
		/** Whole SEK, excluding VAT. */
		sek: bigint('sek', { mode: 'number' }).notNull(),
		validFrom: date('valid_from', { mode: 'string' }).notNull(),
		validTo: date('valid_to', { mode: 'string' }),
		/**
		 * When the figure must be checked again: EU thresholds are revised every second year, so a
		 * row still in use past this day may be out of date (the advisor and admin page warn).
		 * Null for rows that have ended (validTo set) or need no review.
		 */
		reviewBy: date('review_by', { mode: 'string' }),
		/** Where the figure comes from (law, regulation, authority page). */
		source: text('source').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('procurement_thresholds_name_idx').on(t.name, t.validFrom)]
);
