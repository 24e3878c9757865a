/**
 * Scheduled work: one row per job, claimed with `FOR UPDATE SKIP LOCKED` so that several
 * runners (or processes) never run the same job, and marked done in the same transaction as
 * the job's own writes, so a job never fires twice. See `src/lib/server/jobs`.
 */
import { pgTable, uuid, text, timestamp, jsonb, integer, index } from 'drizzle-orm/pg-core';

export const jobs = pgTable(
	'jobs',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Which handler runs it, e.g. `rfi.reminder`. */
		kind: text('kind').notNull(),
		/**
		 * Identity of the job among its kind, unique: scheduling the same key again moves the
		 * pending job instead of adding a second one (e.g. `rfi:<id>:answers:72h`).
		 */
		key: text('key').notNull().unique(),
		runAt: timestamp('run_at', { withTimezone: true }).notNull(),
		payload: jsonb('payload').notNull().default({}),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		doneAt: timestamp('done_at', { withTimezone: true }),
		/** Set when the job gave up after its last attempt; it is not tried again. */
		failedAt: timestamp('failed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('jobs_due_idx').on(t.runAt)]
);
