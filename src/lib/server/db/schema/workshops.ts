/**
 * Needs workshops: the workshop itself (phase, join code, settings), its guests (display name
 * only, no email), the cards with their authors (kept here for the conflicts register, never in
 * the shared document) and the dot votes. The board itself — card positions, groups, the timer —
 * lives in the live document `workshop.<id>`.
 */
import { pgTable, uuid, text, timestamp, integer, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea, users } from './accounts.ts';
import { initiatives } from './initiatives.ts';

export const WORKSHOP_PHASE_VALUES = ['draft', 'collect', 'cluster', 'vote', 'prioritise', 'formulate', 'closed'] as const;

export const workshops = pgTable(
	'workshops',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** The question participants answer. */
		question: text('question').notNull(),
		phase: text('phase', { enum: WORKSHOP_PHASE_VALUES }).notNull().default('draft'),
		/** Short code from an unambiguous alphabet; works only while the workshop is not closed. */
		joinCode: text('join_code').notNull(),
		votesPerParticipant: integer('votes_per_participant').notNull().default(5),
		/** No participant can link a card to its author (the server still records it). */
		anonymous: boolean('anonymous').notNull().default(true),
		/** Cards stay private to their author until the facilitator reveals them all at once. */
		silent: boolean('silent').notNull().default(false),
		/** When the silent cards were revealed (null: not yet). */
		revealedAt: timestamp('revealed_at', { withTimezone: true }),
		/** Participants can neither add cards nor vote while locked. */
		locked: boolean('locked').notNull().default(false),
		/** Whether participants see the vote tally (facilitators always do). */
		tallyVisible: boolean('tally_visible').notNull().default(false),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('workshops_join_code_unique').on(t.joinCode), index('workshops_initiative_idx').on(t.initiativeId)]
);

/**
 * A guest and their session at the same time: a guest exists for one workshop only. The cookie
 * carries `<sessionId>.<secret>`; only SHA-256(secret) is stored. The row outlives the session
 * (`endedAt`) because cards and votes point at it.
 */
export const workshopGuests = pgTable(
	'workshop_guests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		sessionId: text('session_id').notNull(),
		secretHash: bytea('secret_hash').notNull(),
		displayName: text('display_name').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** Set when the workshop closes (or the session times out); the token no longer works. */
		endedAt: timestamp('ended_at', { withTimezone: true }),
		/** When the current session token was issued (re-joining from the same browser issues a new one). */
		sessionStartedAt: timestamp('session_started_at', { withTimezone: true }).notNull().defaultNow(),
		/**
		 * SHA-256 of the workshop id and the browser's device cookie: one guest per browser, so
		 * re-joining resumes this participant (and its vote budget) instead of making a new one.
		 * Bound to the workshop, so rows of different workshops cannot be linked to one device.
		 */
		deviceHash: bytea('device_hash'),
		/** Removed by a facilitator: the guest's votes are gone and it cannot act or resume again. */
		removedAt: timestamp('removed_at', { withTimezone: true }),
		removedBy: uuid('removed_by').references(() => users.id)
	},
	(t) => [
		uniqueIndex('workshop_guests_session_unique').on(t.sessionId),
		index('workshop_guests_workshop_idx').on(t.workshopId),
		uniqueIndex('workshop_guests_device_unique').on(t.workshopId, t.deviceHash)
	]
);

export const workshopCards = pgTable(
	'workshop_cards',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		/** The author: a user or a guest. Never put in the shared document. */
		authorUserId: uuid('author_user_id').references(() => users.id),
		authorGuestId: uuid('author_guest_id').references(() => workshopGuests.id),
		/** Silent mode: the card is only in this table until the reveal puts it on the board. */
		private: boolean('private').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('workshop_cards_workshop_idx').on(t.workshopId)]
);

export const workshopVotes = pgTable(
	'workshop_votes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		/** A card id or a group id on the board. */
		targetId: text('target_id').notNull(),
		voterUserId: uuid('voter_user_id').references(() => users.id),
		voterGuestId: uuid('voter_guest_id').references(() => workshopGuests.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('workshop_votes_workshop_idx').on(t.workshopId, t.targetId)]
);
