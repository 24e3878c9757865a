/** Outgoing mail. Every message lands here; with SMTP_URL it is also sent. */
import { pgTable, uuid, text, timestamp } from 'drizzle-orm/pg-core';

export const outbox = pgTable('outbox', {
	id: uuid('id').primaryKey().defaultRandom(),
	to: text('to').notNull(),
	subject: text('subject').notNull(),
	body: text('body').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	sentAt: timestamp('sent_at', { withTimezone: true }),
	/**
	 * Set on mail queued inside a transaction (`mailer.queue`) while it waits for SMTP delivery
	 * after the commit; the sender claims such rows with SKIP LOCKED so each is sent once.
	 */
	queuedAt: timestamp('queued_at', { withTimezone: true }),
	error: text('error')
});
