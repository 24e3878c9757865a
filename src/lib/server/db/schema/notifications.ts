/**
 * In-app notifications (the bell). A row keeps the event's kind and data, not rendered text:
 * the sentence is made in the reader's language when it is shown (`src/lib/server/notifications`).
 */
import { pgTable, uuid, text, timestamp, jsonb, index } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

export const notifications = pgTable(
	'notifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Registered kind, e.g. `rfi.clarification_published`. */
		kind: text('kind').notNull(),
		data: jsonb('data').notNull().default({}),
		/** Path inside Brygga that the notification opens, e.g. `/supplier/rfis/<id>`. */
		link: text('link'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		readAt: timestamp('read_at', { withTimezone: true })
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.createdAt)]
);
