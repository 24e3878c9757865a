/**
 * The journal: append-only, hash-chained per initiative. UPDATE and DELETE are refused by a
 * trigger (see the migration `audit_append_only`), so even the app's own role cannot rewrite it.
 */
import { pgTable, bigserial, uuid, text, timestamp, jsonb, index } from 'drizzle-orm/pg-core';

export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		/** The chain this row belongs to: an initiative, or null for platform events. */
		initiativeId: uuid('initiative_id'),
		/** Who: a user id, or null for guests and the system (see `actorLabel`). */
		actorUserId: uuid('actor_user_id'),
		/** Display name at the time, or `guest:<id>` / `system`. */
		actorLabel: text('actor_label').notNull(),
		/** What: `Entity.verb`, e.g. `member.role_changed`. */
		action: text('action').notNull(),
		/** Details; never passwords, tokens or tender content. */
		data: jsonb('data').notNull().default({}),
		/** When (UTC, microsecond precision, set by the app so the hash covers it). */
		at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [index('audit_initiative_idx').on(t.initiativeId, t.id)]
);
