/**
 * Idempotency keys: a client that may send the same request twice (a double tap, a retry on a
 * slow network) sends one key per intended change; the first answer is stored under the key and
 * every repeat gets that answer instead of a second change. Kept for 24 hours.
 */
import { pgTable, text, timestamp, integer, jsonb, primaryKey, index } from 'drizzle-orm/pg-core';

export const idempotencyKeys = pgTable(
	'idempotency_keys',
	{
		/** Whose key: `user:<id>` or `guest:<id>`, so one client can never replay another's answer. */
		owner: text('owner').notNull(),
		/** What the key is for, e.g. `workshop-card:<workshopId>`. */
		scope: text('scope').notNull(),
		key: text('key').notNull(),
		/** SHA-256 of the request body: the same key with another body is refused. */
		fingerprint: text('fingerprint').notNull(),
		/** The first answer's status; null while the first request is still being handled. */
		status: integer('status'),
		response: jsonb('response'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.owner, t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)]
);
