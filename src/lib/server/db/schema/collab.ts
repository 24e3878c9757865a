/**
 * Live documents: a compacted snapshot, the tail of updates since it, a plain-text projection
 * for queries and exports, and — kept apart so compaction never touches it — the authorship
 * ledger of accepted updates, which later decides who may not tender.
 */
import { pgTable, text, bigserial, bigint, uuid, timestamp, integer, index, jsonb } from 'drizzle-orm/pg-core';
import { bytea } from './accounts.ts';

export const docSnapshots = pgTable('doc_snapshots', {
	docName: text('doc_name').primaryKey(),
	state: bytea('state').notNull(),
	/** Highest `doc_updates.id` folded into `state`. */
	throughUpdateId: bigint('through_update_id', { mode: 'number' }).notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const docUpdates = pgTable(
	'doc_updates',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		docName: text('doc_name').notNull(),
		update: bytea('update').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('doc_updates_doc_idx').on(t.docName, t.id)]
);

/** One row per accepted update: who sent it and when. Never compacted. */
export const docLedger = pgTable(
	'doc_ledger',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		docName: text('doc_name').notNull(),
		/** The writer; null for a workshop guest (see guestId). */
		userId: uuid('user_id'),
		guestId: uuid('guest_id'),
		organisationId: uuid('organisation_id'),
		bytes: integer('bytes').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('doc_ledger_doc_idx').on(t.docName, t.userId)]
);

/** Plain projection of a document (text and structured JSON), refreshed on persist. */
export const docProjections = pgTable('doc_projections', {
	docName: text('doc_name').primaryKey(),
	text: text('text').notNull().default(''),
	json: jsonb('json'),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
