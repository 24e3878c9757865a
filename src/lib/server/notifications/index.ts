/**
 * Notifications: the bell in the header (unread count, list) and the same message by mail
 * through the outbox — from this one module, which every capability calls. A capability
 * registers each kind it sends with its sentences in Swedish and English; rows keep the kind
 * and its data, and the text is made in the reader's language when shown. Mail carries the
 * Swedish text with the English below it (the recipient's language is not known).
 *
 * `notify` writes inside the caller's transaction: the notification exists exactly when the
 * change it tells about commits (a clarification published to all suppliers reaches every one
 * of them, or none). Mail is queued in the same transaction and delivered after the commit.
 *
 * What a notification says is the caller's responsibility under the policy: it goes to named
 * users only, so a capability must never put into `data` what one recipient may not know
 * (rule 3: nothing of another supplier).
 */
import { registry } from '../registry.ts';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { notifications, users } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { App } from '../app.ts';

export type Locale = 'sv' | 'en';

export interface RenderedNotification {
	title: string;
	body: string;
}

export type NotificationRenderer = (data: Record<string, unknown>) => RenderedNotification;

const kinds = registry<Record<Locale, NotificationRenderer>>('notifications');

/** A date and time in the reader's language, Stockholm time ("20 januari 2027 13:00"), for sentences. */
export function when(iso: unknown, locale: Locale): string {
	if (typeof iso !== 'string') return '';
	return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}

/** Registers a notification kind with its sentences. */
export function registerNotification(kind: string, render: Record<Locale, NotificationRenderer>): void {
	kinds.set(kind, render);
}

/** Renders a stored notification; an unknown kind still reads as something (never a code). */
export function render(kind: string, data: Record<string, unknown>, locale: Locale): RenderedNotification {
	const r = kinds.get(kind);
	if (r) return r[locale](data);
	return locale === 'sv' ? { title: 'Ny händelse i Brygga', body: '' } : { title: 'Something new in Brygga', body: '' };
}

export interface NotifyInput {
	/** Recipients; duplicates and disabled accounts are skipped. */
	userIds: string[];
	kind: string;
	data?: Record<string, unknown>;
	/** Path inside Brygga, e.g. `/supplier/rfis/<id>`. */
	link?: string;
	/** Also send mail (default true). */
	mail?: boolean;
}

/** The absolute address of a path for mail: ORIGIN when configured, else the request's origin. */
export function absoluteLink(app: App, path: string, requestOrigin?: string): string {
	const origin = app.config.ORIGIN ?? requestOrigin;
	return origin ? `${origin.replace(/\/$/, '')}${path}` : path;
}

/** Sends one notification kind to several users, in the caller's transaction. */
export async function notify(app: App, tx: Tx, input: NotifyInput, opts: { origin?: string } = {}): Promise<number> {
	const ids = [...new Set(input.userIds)];
	if (!ids.length) return 0;
	const recipients = await tx
		.select({ id: users.id, email: users.email })
		.from(users)
		.where(and(inArray(users.id, ids), isNull(users.disabledAt)));
	if (!recipients.length) return 0;
	const data = input.data ?? {};
	await tx.insert(notifications).values(recipients.map((u) => ({ userId: u.id, kind: input.kind, data, link: input.link ?? null })));
	if (input.mail !== false) {
		const sv = render(input.kind, data, 'sv');
		const en = render(input.kind, data, 'en');
		const link = input.link ? absoluteLink(app, input.link, opts.origin) : null;
		const body = [sv.body, link ? `Öppna i Brygga: ${link}` : '', '—', `${en.title}`, en.body, link ? `Open in Brygga: ${link}` : '']
			.filter((line) => line !== '')
			.join('\n\n');
		for (const u of recipients) await app.mailer.queue(tx, { to: u.email, subject: `Brygga: ${sv.title}`, body });
	}
	return recipients.length;
}

export interface NotificationView extends RenderedNotification {
	id: string;
	kind: string;
	link: string | null;
	createdAt: string;
	readAt: string | null;
}

/** A user's notifications, newest first, rendered in `locale`. */
export async function list(db: Db, userId: string, locale: Locale, limit = 50): Promise<NotificationView[]> {
	const rows = await db
		.select()
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(limit);
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		...render(r.kind, (r.data ?? {}) as Record<string, unknown>, locale),
		link: r.link,
		createdAt: r.createdAt.toISOString(),
		readAt: r.readAt ? r.readAt.toISOString() : null
	}));
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
	return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Db, userId: string, id: string): Promise<boolean> {
	const rows = await db
		.update(notifications)
		.set({ readAt: new Date() })
		.where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
		.returning({ id: notifications.id });
	if (rows.length) return true;
	const [exists] = await db
		.select({ id: notifications.id })
		.from(notifications)
		.where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
		.limit(1);
	return !!exists;
}

export async function markAllRead(db: Db, userId: string): Promise<void> {
	await db
		.update(notifications)
		.set({ readAt: new Date() })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
