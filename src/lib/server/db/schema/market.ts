/**
 * The market side's shared tables: which supplier organisations take part in a round (an RFI
 * round today; tenders and sprints invite the same way), and the e-mail invitations that bring
 * them in. A round's `subjectKind` + `subjectId` name what the invitation is for.
 */
import { pgTable, uuid, text, timestamp, primaryKey, index } from 'drizzle-orm/pg-core';
import { organisations, users } from './accounts.ts';
import { initiatives } from './initiatives.ts';

export const MARKET_SUBJECTS = ['rfi', 'tender', 'sprint'] as const;
export type MarketSubject = (typeof MARKET_SUBJECTS)[number];

/** An invitation for a supplier organisation, sent to one address. Only the token's SHA-256 is kept. */
export const supplierInvitations = pgTable(
	'supplier_invitations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		subjectKind: text('subject_kind', { enum: MARKET_SUBJECTS }).notNull(),
		subjectId: uuid('subject_id').notNull(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		invitedBy: uuid('invited_by')
			.notNull()
			.references(() => users.id),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		acceptedBy: uuid('accepted_by').references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('supplier_invitations_subject_idx').on(t.subjectKind, t.subjectId)]
);

/** A supplier organisation admitted to a round: by an accepted invitation, or by joining an open round. */
export const supplierParticipants = pgTable(
	'supplier_participants',
	{
		subjectKind: text('subject_kind', { enum: MARKET_SUBJECTS }).notNull(),
		subjectId: uuid('subject_id').notNull(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id),
		via: text('via', { enum: ['invitation', 'open'] }).notNull(),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.subjectKind, t.subjectId, t.organisationId] })]
);
