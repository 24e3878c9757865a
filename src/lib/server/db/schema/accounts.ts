/** Organisations, users, sessions and organisation invitations. */

import {
	pgTable,
	uuid,
	text,
	timestamp,
	boolean,
	index,
	uniqueIndex,
	customType
} from 'drizzle-orm/pg-core';

/** Raw bytes (PostgreSQL `bytea`), read and written as `Uint8Array`. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (v) => (v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBuffer))
});

export const ORGANISATION_KINDS = ['buyer', 'supplier'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const organisations = pgTable('organisations', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
	/** Swedish organisation number, normalised to `NNNNNN-NNNN`. */
	orgNumber: text('org_number').notNull().unique(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Stored lower-cased; unique across the platform. */
		email: text('email').notNull(),
		name: text('name').notNull(),
		/** argon2id PHC string. */
		passwordHash: text('password_hash').notNull(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id),
		/** Administrator of their organisation: may invite colleagues. */
		orgAdmin: boolean('org_admin').notNull().default(false),
		/** Platform administrator: reads the outbox, edits thresholds. The first account gets it. */
		platformAdmin: boolean('platform_admin').notNull().default(false),
		/** A disabled user cannot sign in and has no sessions. */
		disabledAt: timestamp('disabled_at', { withTimezone: true }),
		/** Marks accounts made by the demo seed, offered as one-click personas in demo mode. */
		demoPersona: text('demo_persona'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('users_email_unique').on(t.email)]
);

/**
 * Sessions as the Lucia guide designs them: the cookie carries `<id>.<secret>`; only the
 * SHA-256 of the secret is stored, so a leaked table cannot be replayed.
 */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		secretHash: bytea('secret_hash').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** Last time the session was used; the inactivity timeout slides from here. */
		lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull().defaultNow(),
		userAgent: text('user_agent'),
		ip: text('ip')
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const organisationInvitations = pgTable(
	'organisation_invitations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		/** SHA-256 (hex) of the token in the link; the token itself is never stored. */
		tokenHash: text('token_hash').notNull().unique(),
		invitedBy: uuid('invited_by')
			.notNull()
			.references(() => users.id),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('org_invitations_org_idx').on(t.organisationId)]
);


/**
 * Links for choosing a new password: asked for by the user (sent by mail) or made by a platform
 * administrator for a colleague who has no working mail. Only the SHA-256 of the token is
 * stored; a link works once and expires (`auth/password-reset.ts`).
 */
export const passwordResets = pgTable(
	'password_resets',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** SHA-256 (hex) of the token in the link. */
		tokenHash: text('token_hash').notNull().unique(),
		/** The platform administrator who made the link; null when the user asked by mail. */
		createdBy: uuid('created_by').references(() => users.id),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('password_resets_user_idx').on(t.userId)]
);
