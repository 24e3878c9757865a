/**
 * Innovation sprints (issue 15): a sprint in an initiative, one isolated room per supplier
 * organisation, the buyer inputs placed in the rooms (with their SHA-256 and arrival time, for the
 * parity report), questions answered to all rooms, the buyer team's meetings in a room, and the
 * room's sprint log (decisions and findings). The stage boards themselves live in live documents
 * named by `sprints/stages.ts`.
 *
 * Supplier isolation starts here: every row that holds room content carries its `roomId`, and
 * nothing in these tables is shared between rooms except what the server copied into each one.
 */
import { pgTable, uuid, text, timestamp, integer, boolean, jsonb, primaryKey, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { initiatives } from './initiatives.ts';
import { organisations, users } from './accounts.ts';

/** The five Design Sprint stages, in order. */
export const SPRINT_STAGES = ['map', 'sketch', 'decide', 'prototype', 'test'] as const;
export type SprintStage = (typeof SPRINT_STAGES)[number];

/** One day of a sprint schedule: which stages run that day. */
export interface SprintScheduleDay {
	day: number;
	stages: SprintStage[];
}

/**
 * Templates an organisation adds on top of the built-in ones (`sprints/templates.ts`): data,
 * never code. `schedule` lists the days and the stages each runs.
 */
export const sprintTemplates = pgTable(
	'sprint_templates',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		schedule: jsonb('schedule').$type<SprintScheduleDay[]>().notNull(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sprint_templates_org_idx').on(t.organisationId)]
);

export const sprints = pgTable(
	'sprints',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** `design_sprint_5`, `design_sprint_4`, or an organisation template's id. */
		template: text('template').notNull(),
		/** The schedule copied from the template when the sprint was created. */
		schedule: jsonb('schedule').$type<SprintScheduleDay[]>().notNull(),
		/** The long-term goal. */
		goal: text('goal').notNull(),
		/** The sprint questions ("Can we …?"). */
		questions: jsonb('questions').$type<string[]>().notNull().default([]),
		/** The challenge: needs of the initiative it addresses. */
		needIds: jsonb('need_ids').$type<string[]>().notNull().default([]),
		/** A published requirements version the challenge refers to (number within the initiative). */
		requirementsVersion: integer('requirements_version'),
		/** The stage running in every room (null before the first stage starts). */
		stage: text('stage', { enum: SPRINT_STAGES }),
		stageStartedAt: timestamp('stage_started_at', { withTimezone: true }),
		/** When the shared timer of the current stage runs out (null: no timer). */
		timerEndsAt: timestamp('timer_ends_at', { withTimezone: true }),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sprints_initiative_idx').on(t.initiativeId)]
);

/**
 * One supplier's room. `organisationId` is null while the supplier's e-mail invitation is pending;
 * accepting it fills the organisation in. `letter` names the room anonymously (A, B, …) on the
 * buyer-side gallery. A supplier's users may use the room only after one of them accepted the
 * terms of participation (`termsAcceptedAt`).
 */
export const sprintRooms = pgTable(
	'sprint_rooms',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sprintId: uuid('sprint_id')
			.notNull()
			.references(() => sprints.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id').references(() => organisations.id),
		/** The supplier invitation that brings the organisation in (rooms added by e-mail). */
		invitationId: uuid('invitation_id'),
		letter: text('letter').notNull(),
		/** The one user whose supervote counts in Decide. */
		deciderUserId: uuid('decider_user_id').references(() => users.id),
		/** The room's content is confidential: observers see progress and parity only (default). */
		confidential: boolean('confidential').notNull().default(true),
		/** Locked rooms are read-only for everyone but the process leader. */
		lockedAt: timestamp('locked_at', { withTimezone: true }),
		termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }),
		termsAcceptedBy: uuid('terms_accepted_by').references(() => users.id),
		/** SHA-256 of the terms text the supplier accepted. */
		termsSha256: text('terms_sha256'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sprint_rooms_sprint_idx').on(t.sprintId), uniqueIndex('sprint_rooms_org_idx').on(t.sprintId, t.organisationId)]
);

/** Buyer team members the process leader assigned to a room (the supplier's users belong by organisation). */
export const sprintRoomMembers = pgTable(
	'sprint_room_members',
	{
		roomId: uuid('room_id')
			.notNull()
			.references(() => sprintRooms.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		addedBy: uuid('added_by')
			.notNull()
			.references(() => users.id),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.roomId, t.userId] })]
);

/**
 * A buyer input (briefing text, files, expert notes, data sets). `roomId` null = published to
 * every room; otherwise to that room only, with `reason` (journalled and flagged by the parity
 * report). `sha256` hashes the canonical content (title, body, files' hashes).
 */
export const sprintInputs = pgTable(
	'sprint_inputs',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sprintId: uuid('sprint_id')
			.notNull()
			.references(() => sprints.id, { onDelete: 'cascade' }),
		roomId: uuid('room_id').references(() => sprintRooms.id, { onDelete: 'cascade' }),
		reason: text('reason'),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		fileIds: jsonb('file_ids').$type<string[]>().notNull().default([]),
		sha256: text('sha256').notNull(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		publishedAt: timestamp('published_at', { withTimezone: true }).notNull()
	},
	(t) => [index('sprint_inputs_sprint_idx').on(t.sprintId)]
);

/** The arrival of one input in one room: what the parity report compares. */
export const sprintInputDeliveries = pgTable(
	'sprint_input_deliveries',
	{
		inputId: uuid('input_id')
			.notNull()
			.references(() => sprintInputs.id, { onDelete: 'cascade' }),
		roomId: uuid('room_id')
			.notNull()
			.references(() => sprintRooms.id, { onDelete: 'cascade' }),
		sha256: text('sha256').notNull(),
		arrivedAt: timestamp('arrived_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.inputId, t.roomId] }), index('sprint_input_deliveries_room_idx').on(t.roomId)]
);

/**
 * A question asked in a room. Answered to every room (asker hidden) unless the leader recorded
 * `specificReason`: then the answer goes to the asking room only.
 */
export const sprintQuestions = pgTable(
	'sprint_questions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sprintId: uuid('sprint_id')
			.notNull()
			.references(() => sprints.id, { onDelete: 'cascade' }),
		roomId: uuid('room_id')
			.notNull()
			.references(() => sprintRooms.id, { onDelete: 'cascade' }),
		askedBy: uuid('asked_by')
			.notNull()
			.references(() => users.id),
		text: text('text').notNull(),
		askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
		answer: text('answer'),
		answeredBy: uuid('answered_by').references(() => users.id),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		/** Why the answer concerns only the asking supplier's own solution (null: answered to all rooms). */
		specificReason: text('specific_reason')
	},
	(t) => [index('sprint_questions_sprint_idx').on(t.sprintId)]
);

/** The buyer team's time in a room: a meeting with start and end. */
export const sprintMeetings = pgTable(
	'sprint_meetings',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roomId: uuid('room_id')
			.notNull()
			.references(() => sprintRooms.id, { onDelete: 'cascade' }),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
		endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
		topic: text('topic').notNull().default(''),
		/** Buyer team members present. */
		userIds: jsonb('user_ids').$type<string[]>().notNull().default([]),
		loggedBy: uuid('logged_by')
			.notNull()
			.references(() => users.id),
		loggedAt: timestamp('logged_at', { withTimezone: true }).notNull()
	},
	(t) => [index('sprint_meetings_room_idx').on(t.roomId)]
);

export const SPRINT_LOG_KINDS = ['decision', 'finding'] as const;
export type SprintLogKind = (typeof SPRINT_LOG_KINDS)[number];

/**
 * The room's sprint log beyond what the stage boards hold: decisions and findings, per stage.
 * A finding links back to needs and may open a requirement change proposal
 * (`requirement_proposals.finding_id`, in the requirements module).
 */
export const sprintLogEntries = pgTable(
	'sprint_log_entries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roomId: uuid('room_id')
			.notNull()
			.references(() => sprintRooms.id, { onDelete: 'cascade' }),
		stage: text('stage', { enum: SPRINT_STAGES }).notNull(),
		kind: text('kind', { enum: SPRINT_LOG_KINDS }).notNull(),
		text: text('text').notNull(),
		needIds: jsonb('need_ids').$type<string[]>().notNull().default([]),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull()
	},
	(t) => [index('sprint_log_entries_room_idx').on(t.roomId)]
);
