/**
 * The live stage boards of sprint rooms (issue 15), what the server keeps beside the live
 * documents (`sprint_<stage>.<roomId>`, shapes in `src/lib/shapes/sprint-board.ts`):
 *
 * - solution sketches with their authors — the art museum shows them without, so the author is
 *   only here (for provenance and the conflicts register), never in the document;
 * - speed-critique notes, heat-map dots and the straw poll (content, not decisions: like workshop
 *   cards and votes they carry no journal entry, so nothing links a person to a sketch);
 * - the decider's supervote (one per room: the primary key makes it count once);
 * - end-user test sessions, each backed by a workshop row so that end users join with the one
 *   join endpoint and become ordinary workshop guests (display name only, no account);
 * - interviewers' notes per interviewee and storyboard frame (the pattern grid);
 * - reveals of the buyer gallery's supplier names (journalled as well);
 * - each room's "How might we" workshop: the Map stage's notes run on the workshop engine, on a
 *   workshop row owned by the room (its policy target resolves through the room).
 */
import { pgTable, uuid, text, timestamp, integer, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { workshops, workshopGuests } from './workshops.ts';
import { sprintRooms, sprints } from './sprints.ts';

export const sprintSketches = pgTable(
	'sprint_sketches',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roomId: uuid('room_id')
			.notNull()
			.references(() => sprintRooms.id, { onDelete: 'cascade' }),
		/** Never put in the live document or in what room members receive. */
		authorUserId: uuid('author_user_id')
			.notNull()
			.references(() => users.id),
		title: text('title').notNull(),
		/** Exactly three panels (typed, or a caption for a photographed panel). */
		panels: jsonb('panels').$type<string[]>().notNull(),
		/** Photographs of the paper sketch (files service). */
		fileIds: jsonb('file_ids').$type<string[]>().notNull().default([]),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sprint_sketches_room_idx').on(t.roomId)]
);

export const sprintCritiques = pgTable(
	'sprint_critiques',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roomId: uuid('room_id')
			.notNull()
			.references(() => sprintRooms.id, { onDelete: 'cascade' }),
		sketchId: uuid('sketch_id')
			.notNull()
			.references(() => sprintSketches.id, { onDelete: 'cascade' }),
		authorUserId: uuid('author_user_id')
			.notNull()
			.references(() => users.id),
		text: text('text').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sprint_critiques_room_idx').on(t.roomId)]
);

export const SPRINT_DOT_KINDS = ['heat', 'poll'] as const;
export type SprintDotKind = (typeof SPRINT_DOT_KINDS)[number];

/**
 * Dot votes with a budget per person on the Decide board: heat-map dots on sketches (`heat`) and
 * the straw poll (`poll`, one). Dots on the Map stage's "How might we" notes are the workshop
 * engine's votes (`workshop_votes` of the room's HMW workshop).
 */
export const sprintDots = pgTable(
	'sprint_dots',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roomId: uuid('room_id')
			.notNull()
			.references(() => sprintRooms.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: SPRINT_DOT_KINDS }).notNull(),
		/** A sketch id. */
		targetId: text('target_id').notNull(),
		voterUserId: uuid('voter_user_id')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sprint_dots_room_idx').on(t.roomId, t.kind)]
);

/** The decider's supervote: one row per room, so it counts once. */
export const sprintSupervotes = pgTable('sprint_supervotes', {
	roomId: uuid('room_id')
		.primaryKey()
		.references(() => sprintRooms.id, { onDelete: 'cascade' }),
	sketchId: uuid('sketch_id')
		.notNull()
		.references(() => sprintSketches.id),
	userId: uuid('user_id')
		.notNull()
		.references(() => users.id),
	castAt: timestamp('cast_at', { withTimezone: true }).notNull()
});

export const sprintTestSessions = pgTable(
	'sprint_test_sessions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roomId: uuid('room_id')
			.notNull()
			.references(() => sprintRooms.id, { onDelete: 'cascade' }),
		/** The workshop row that carries the join code and the end users' guest sessions. */
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull()
	},
	(t) => [index('sprint_test_sessions_room_idx').on(t.roomId), uniqueIndex('sprint_test_sessions_workshop_idx').on(t.workshopId)]
);

export const SPRINT_NOTE_TAGS = ['positive', 'negative', 'neutral'] as const;

/** An interviewer's or observer's note on one interviewee at one storyboard frame (0 = general). */
export const sprintTestNotes = pgTable(
	'sprint_test_notes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roomId: uuid('room_id')
			.notNull()
			.references(() => sprintRooms.id, { onDelete: 'cascade' }),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => sprintTestSessions.id, { onDelete: 'cascade' }),
		intervieweeGuestId: uuid('interviewee_guest_id')
			.notNull()
			.references(() => workshopGuests.id, { onDelete: 'cascade' }),
		frame: integer('frame').notNull(),
		tag: text('tag', { enum: SPRINT_NOTE_TAGS }).notNull(),
		text: text('text').notNull(),
		authorUserId: uuid('author_user_id')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sprint_test_notes_room_idx').on(t.roomId)]
);

/** The buyer gallery's supplier names were revealed (on request; also journalled). */
export const sprintGalleryReveals = pgTable('sprint_gallery_reveals', {
	sprintId: uuid('sprint_id')
		.primaryKey()
		.references(() => sprints.id, { onDelete: 'cascade' }),
	revealedBy: uuid('revealed_by')
		.notNull()
		.references(() => users.id),
	reason: text('reason').notNull(),
	revealedAt: timestamp('revealed_at', { withTimezone: true }).notNull()
});

/**
 * The room's "How might we" workshop (Map stage): one workshop row per room, owned by the room.
 * The workshop engine runs it (silent writing, phases, clustering, votes, timer, lock); the policy
 * resolves its board through the room (`workshops/owner.ts`), so it is as closed as the room.
 */
export const sprintHmwWorkshops = pgTable('sprint_hmw_workshops', {
	roomId: uuid('room_id')
		.primaryKey()
		.references(() => sprintRooms.id, { onDelete: 'cascade' }),
	workshopId: uuid('workshop_id')
		.notNull()
		.unique()
		.references(() => workshops.id, { onDelete: 'cascade' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
