/** Initiatives, their owning organisations, members and invitations. */
import {
	pgTable,
	uuid,
	text,
	timestamp,
	bigint,
	jsonb,
	primaryKey,
	index,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organisations, users } from './accounts.ts';

/** The seven phases of an innovation procurement, in order (DOMAIN.md). */
export const PHASES = ['initiate', 'needs', 'dialogue', 'sprint', 'procure', 'pilot', 'evaluate'] as const;
export type Phase = (typeof PHASES)[number];

export const ROLES = ['process_leader', 'team', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Labels a team member can carry (DOMAIN.md, "Buyer team"). */
export const TEAM_LABELS = ['needs_owner', 'procurement_officer', 'operations', 'expert'] as const;
export type TeamLabel = (typeof TEAM_LABELS)[number];

export const initiatives = pgTable('initiatives', {
	id: uuid('id').primaryKey().defaultRandom(),
	title: text('title').notNull(),
	description: text('description').notNull().default(''),
	/** Estimated value in whole SEK. */
	estimatedValueSek: bigint('estimated_value_sek', { mode: 'number' }),
	phase: text('phase', { enum: PHASES }).notNull().default('initiate'),
	/** Procedure chosen with the advisor (issue 4): `{procedure, reasoning, directAwardReason?, decidedAt, decidedBy}`. */
	procedure: jsonb('procedure'),
	/** Purchase category for aggregation (issue 4). */
	purchaseKind: text('purchase_kind'),
	createdBy: uuid('created_by')
		.notNull()
		.references(() => users.id),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** Buyer organisations that own an initiative together (e.g. Skurup, Trelleborg, Ystad). */
export const initiativeOrganisations = pgTable(
	'initiative_organisations',
	{
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id)
	},
	(t) => [primaryKey({ columns: [t.initiativeId, t.organisationId] })]
);

export const CO_OWNER_INVITATION_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type CoOwnerInvitationStatus = (typeof CO_OWNER_INVITATION_STATUSES)[number];

/**
 * An invitation to another buyer organisation to own an initiative together. Nothing of the
 * initiative counts for the invited organisation (not its title, not its value in their
 * procedure advice) until an administrator of that organisation accepts; only then is a row
 * added to `initiative_organisations`. At most one invitation per organisation is pending.
 */
export const coOwnerInvitations = pgTable(
	'co_owner_invitations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id),
		invitedBy: uuid('invited_by')
			.notNull()
			.references(() => users.id),
		status: text('status', { enum: CO_OWNER_INVITATION_STATUSES }).notNull().default('pending'),
		/** The administrator of the invited organisation who accepted or declined. */
		decidedBy: uuid('decided_by').references(() => users.id),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('co_owner_invitations_pending_idx').on(t.initiativeId, t.organisationId).where(sql`${t.status} = 'pending'`),
		index('co_owner_invitations_organisation_idx').on(t.organisationId, t.status)
	]
);

export const memberships = pgTable(
	'memberships',
	{
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		label: text('label', { enum: TEAM_LABELS }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.initiativeId, t.userId] }),
		index('memberships_user_idx').on(t.userId)
	]
);

export const initiativeInvitations = pgTable(
	'initiative_invitations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		/** Lower-cased; only a user signed in with this address may accept. */
		email: text('email').notNull(),
		role: text('role', { enum: ROLES }).notNull(),
		label: text('label', { enum: TEAM_LABELS }),
		/** SHA-256 (hex) of the token in the link. */
		tokenHash: text('token_hash').notNull().unique(),
		invitedBy: uuid('invited_by')
			.notNull()
			.references(() => users.id),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('initiative_invitations_initiative_idx').on(t.initiativeId)]
);
