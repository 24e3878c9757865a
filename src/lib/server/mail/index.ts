/**
 * Outgoing mail. Every message is written to the outbox table first (so invitations work
 * without a mail server and administrators can read what was sent); with SMTP_URL set it is
 * also handed to nodemailer, and the outcome is written back.
 */
import { desc, eq } from 'drizzle-orm';
import { outbox } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';

export interface Mail {
	to: string;
	subject: string;
	body: string;
	/**
	 * Stored in the outbox instead of `body` when the body carries a secret that signs somebody
	 * in (a link for a new password): administrators read the outbox and must not be able to use
	 * it. Such a mail is never kept in clear anywhere; without SMTP it cannot be delivered at all.
	 */
	outboxBody?: string;
}

export interface Mailer {
	send(mail: Mail): Promise<void>;
	/** Whether mail leaves the outbox (an SMTP server is configured). */
	readonly delivers: boolean;
}

/** Recorded on an outbox row whose mail could only have been delivered by SMTP. */
export const NOT_SENT_WITHOUT_SMTP = 'Inte skickat: ingen e-postserver (SMTP_URL) är inställd.';

/** Creates the mailer; `smtpUrl` undefined means outbox only. */
export function createMailer(db: Db, opts: { smtpUrl?: string; from: string }): Mailer {
	let transport: Promise<import('nodemailer').Transporter> | undefined;
	return {
		delivers: !!opts.smtpUrl,
		async send(mail) {
			const [row] = await db
				.insert(outbox)
				.values({ to: mail.to, subject: mail.subject, body: mail.outboxBody ?? mail.body, ...(mail.outboxBody && !opts.smtpUrl ? { error: NOT_SENT_WITHOUT_SMTP } : {}) })
				.returning({ id: outbox.id });
			if (!opts.smtpUrl) return;
			transport ??= import('nodemailer').then((m) => m.default.createTransport(opts.smtpUrl));
			try {
				await (await transport).sendMail({ from: opts.from, to: mail.to, subject: mail.subject, text: mail.body });
				await db.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, row.id));
			} catch (err) {
				// The message stays in the outbox; the error is recorded for the administrator.
				await db
					.update(outbox)
					.set({ error: err instanceof Error ? err.message : String(err) })
					.where(eq(outbox.id, row.id));
			}
		}
	};
}

/** The outbox, newest first (platform administrators). */
export async function listOutbox(db: Db, limit = 200) {
	return db
		.select({ to: outbox.to, subject: outbox.subject, body: outbox.body, createdAt: outbox.createdAt, sentAt: outbox.sentAt, error: outbox.error })
		.from(outbox)
		.orderBy(desc(outbox.createdAt))
		.limit(limit);
}
