/**
 * Outgoing mail. Every message is written to the outbox table first (so invitations work
 * without a mail server and administrators can read what was sent); with SMTP_URL set it is
 * also handed to nodemailer, and the outcome is written back.
 */
import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { outbox } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';

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
	/** Writes the mail to the outbox and, with SMTP, sends it now. */
	send(mail: Mail): Promise<void>;
	/**
	 * Writes the mail to the outbox inside the caller's transaction: it exists exactly when the
	 * change that caused it commits (a notification, a reminder job). With SMTP it is delivered
	 * by `flush()` after the commit — call it then; the job runner also calls it on every round,
	 * so mail queued by a process that stopped is still sent.
	 */
	queue(tx: Tx, mail: Mail): Promise<void>;
	/** Sends queued mail (SMTP only); each row is claimed with SKIP LOCKED and sent once. */
	flush(): Promise<number>;
	/** Whether mail leaves the outbox (an SMTP server is configured). */
	readonly delivers: boolean;
}

/** Recorded on an outbox row whose mail could only have been delivered by SMTP. */
export const NOT_SENT_WITHOUT_SMTP = 'Inte skickat: ingen e-postserver (SMTP_URL) är inställd.';

/** Creates the mailer; `smtpUrl` undefined means outbox only. */
export function createMailer(db: Db, opts: { smtpUrl?: string; from: string }): Mailer {
	let transport: Promise<import('nodemailer').Transporter> | undefined;
	const deliver = async (mail: Mail) => {
		transport ??= import('nodemailer').then((m) => m.default.createTransport(opts.smtpUrl));
		await (await transport).sendMail({ from: opts.from, to: mail.to, subject: mail.subject, text: mail.body });
	};
	const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));
	return {
		delivers: !!opts.smtpUrl,
		async send(mail) {
			const [row] = await db
				.insert(outbox)
				.values({ to: mail.to, subject: mail.subject, body: mail.outboxBody ?? mail.body, ...(mail.outboxBody && !opts.smtpUrl ? { error: NOT_SENT_WITHOUT_SMTP } : {}) })
				.returning({ id: outbox.id });
			if (!opts.smtpUrl) return;
			try {
				await deliver(mail);
				await db.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, row.id));
			} catch (err) {
				// The message stays in the outbox; the error is recorded for the administrator.
				await db.update(outbox).set({ error: reason(err) }).where(eq(outbox.id, row.id));
			}
		},
		async queue(tx, mail) {
			// Queued mail is sent from the outbox row, so it never carries a secret kept out of it.
			if (mail.outboxBody) throw new Error('mailer.queue: mail with a secret must use send()');
			await tx.insert(outbox).values({ to: mail.to, subject: mail.subject, body: mail.body, queuedAt: opts.smtpUrl ? new Date() : null });
		},
		async flush() {
			if (!opts.smtpUrl) return 0;
			let sent = 0;
			for (;;) {
				const done = await db.transaction(async (tx) => {
					const [row] = await tx
						.select({ id: outbox.id, to: outbox.to, subject: outbox.subject, body: outbox.body })
						.from(outbox)
						.where(and(isNotNull(outbox.queuedAt), isNull(outbox.sentAt), isNull(outbox.error)))
						.orderBy(asc(outbox.queuedAt))
						.limit(1)
						.for('update', { skipLocked: true });
					if (!row) return false;
					try {
						await deliver(row);
						await tx.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, row.id));
					} catch (err) {
						await tx.update(outbox).set({ error: reason(err) }).where(eq(outbox.id, row.id));
					}
					return true;
				});
				if (!done) return sent;
				sent++;
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
