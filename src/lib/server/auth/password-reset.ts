/**
 * A new password for somebody who lost theirs, two ways:
 *
 * - **By mail** (`requestReset`): the person gives their address; if it has an account and an
 *   SMTP server is configured, a link is mailed. The answer is the same whether or not the
 *   address has an account (no enumeration). The link is valid for 1 hour and works once; a new
 *   request replaces older links. The outbox copy of the mail has the link removed, so the
 *   outbox (which platform administrators read) cannot be used to take over an account.
 *   Without SMTP no link is made; the outbox records the request, for an administrator to see.
 * - **By a platform administrator** (`createResetLink`): for a colleague whose mail does not
 *   work, or an installation without SMTP. The administrator gets a link (valid 24 hours, once)
 *   to hand over by a channel they trust; the journal records who made it for whom.
 *
 * Choosing the new password (`resetPassword`) checks the same rules as sign-up, ends every
 * session of the account (closing its live connections) and is journalled. Tokens are 32 random
 * bytes; only their SHA-256 is stored.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { organisations, passwordResets, users } from '../db/schema/index.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import * as audit from '../audit/index.ts';
import { hashInvitationToken as hashToken, isTokenShaped, newInvitationToken as newToken } from '../organisations/invitations.ts';
import { hashPassword, passwordProblem, PASSWORD_PROBLEM_MESSAGES } from './password.ts';
import { limitersFor } from './ratelimit.ts';
import { invalidateUserSessions } from './session.ts';
import { failure, ok, type Failure, type Result } from './result.ts';
import type { RequestMeta } from './accounts.ts';

/** A link asked for by mail works this long. */
export const MAILED_RESET_TTL_MS = 60 * 60_000;
/** A link made by an administrator works this long (it is handed over by hand). */
export const ADMIN_RESET_TTL_MS = 24 * 3_600_000;

export const invalidResetLink = (): Failure => ({
	status: 400,
	code: 'invalid_reset_link',
	message: 'Länken för nytt lösenord gäller inte: den är felaktig, har redan använts eller har gått ut. Be om en ny länk.',
	field: 'token'
});

const rateLimited = (retryAfter: number): Failure => ({
	status: 429,
	code: 'rate_limited',
	message: 'Du har bett om många länkar på kort tid. Vänta en stund och försök igen.',
	retryAfter
});

function resetUrl(origin: string, token: string): string {
	return `${origin.replace(/\/$/, '')}/password-reset/${token}`;
}

function formatTime(d: Date, locale: string) {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(d);
}

/**
 * Asks for a link by mail. Always answers the same (unless rate-limited), whether or not the
 * address has an account, is disabled, or mail can be delivered — and at once: the lookup, the
 * link and the mail are made after the answer (`deliverReset`), so the time it takes does not
 * tell either. `delivered` settles when that work is done (for tests; it never rejects).
 */
export function requestReset(app: App, opts: { email: string; origin: string; meta: RequestMeta }): Result<{ delivered: Promise<void> }> {
	const email = opts.email.trim().toLowerCase();
	const limiters = limitersFor(app);
	const wait = Math.max(limiters.resetIp.retryAfter(opts.meta.ip), limiters.resetAccount.retryAfter(email));
	if (wait) {
		app.log.warn('auth.password_reset_limited', { ip: opts.meta.ip });
		return failure(rateLimited(wait));
	}
	limiters.resetIp.hit(opts.meta.ip);
	limiters.resetAccount.hit(email);
	const delivered = deliverReset(app, { email, origin: opts.origin, ip: opts.meta.ip }).catch((err) =>
		app.log.error('auth.password_reset_failed', { error: String(err) })
	);
	return ok({ delivered });
}

/** The work behind `requestReset`: find the account, make the link, send the mail. */
async function deliverReset(app: App, opts: { email: string; origin: string; ip: string }): Promise<void> {
	const { email } = opts;
	const [user] = await app.db
		.select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt })
		.from(users)
		.where(eq(users.email, email))
		.limit(1);
	if (!user || user.disabledAt) {
		app.log.info('auth.password_reset_requested', { knownAccount: !!user, ip: opts.ip });
		return;
	}
	if (!app.mailer.delivers) {
		// Nothing can reach the person; tell the administrators through the outbox instead.
		await app.mailer.send({
			to: user.email,
			subject: 'Nytt lösenord i Brygga',
			body: '',
			outboxBody: [
				`${user.name} (${user.email}) bad om en länk för att välja ett nytt lösenord, men ingen e-postserver är inställd, så inget mejl kunde skickas.`,
				'',
				'En plattformsadministratör kan skapa en länk under Administration → Användare och lämna den till personen på ett säkert sätt.'
			].join('\n')
		});
		app.log.warn('auth.password_reset_no_smtp', { userId: user.id });
		return;
	}
	const token = newToken();
	const expiresAt = new Date(Date.now() + MAILED_RESET_TTL_MS);
	await app.db.transaction(async (tx) => {
		// Only the newest link works.
		await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
		await tx.insert(passwordResets).values({ userId: user.id, tokenHash: hashToken(token), expiresAt });
		await audit.record(tx, {
			initiativeId: null,
			actor: { userId: user.id, label: user.name },
			action: 'user.password_reset_requested',
			data: { userId: user.id, expiresAt: expiresAt.toISOString() }
		});
	});
	const url = resetUrl(opts.origin, token);
	const lines = (link: string) => [
		'Hej!',
		'',
		'Någon, förhoppningsvis du, bad om att få välja ett nytt lösenord för ditt konto i Brygga.',
		`Välj det via länken nedan. Länken fungerar en gång och gäller till ${formatTime(expiresAt, 'sv-SE')}.`,
		'',
		link,
		'',
		'Bad du inte om det här kan du bortse från mejlet; ditt lösenord är oförändrat.',
		'',
		`In English: use the link above to choose a new password for Brygga (valid once, until ${formatTime(expiresAt, 'en-GB')}). If you did not ask for it, ignore this mail.`
	];
	await app.mailer.send({
		to: user.email,
		subject: 'Välj ett nytt lösenord i Brygga',
		body: lines(url).join('\n'),
		outboxBody: lines('[Länken visas inte i utkorgen.]').join('\n')
	});
	app.log.info('auth.password_reset_requested', { knownAccount: true, userId: user.id, ip: opts.ip });
}

export interface ResetLink {
	resetUrl: string;
	expiresAt: Date;
}

/**
 * A platform administrator makes a link for `userId` (404 `not_found` for no such user). The
 * caller has asked the policy that the actor administers users. Older links of the user stop
 * working.
 */
export async function createResetLink(app: App, opts: { actor: UserActor; userId: string; origin: string }): Promise<Result<ResetLink>> {
	const [user] = await app.db
		.select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt })
		.from(users)
		.where(eq(users.id, opts.userId))
		.limit(1);
	if (!user) return failure({ status: 404, code: 'not_found', message: 'Det finns ingen sådan användare.' });
	if (user.disabledAt) {
		return failure({ status: 409, code: 'user_disabled', message: 'Kontot är avstängt. Aktivera det först om personen ska kunna logga in igen.' });
	}
	const token = newToken();
	const expiresAt = new Date(Date.now() + ADMIN_RESET_TTL_MS);
	await app.db.transaction(async (tx) => {
		await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
		await tx.insert(passwordResets).values({ userId: user.id, tokenHash: hashToken(token), expiresAt, createdBy: opts.actor.userId });
		await audit.record(tx, {
			initiativeId: null,
			actor: { userId: opts.actor.userId, label: opts.actor.name },
			action: 'user.password_reset_link_created',
			data: { userId: user.id, name: user.name, email: user.email, expiresAt: expiresAt.toISOString() }
		});
	});
	app.log.info('auth.password_reset_link_created', { by: opts.actor.userId, userId: user.id });
	return ok({ resetUrl: resetUrl(opts.origin, token), expiresAt });
}

export interface OpenReset {
	id: string;
	userId: string;
	name: string;
	email: string;
	organisation: string;
	expiresAt: Date;
}

/** The unused, unexpired link behind a token, of an account that is not disabled; or null. */
export async function findOpenReset(app: App, token: string, now = new Date()): Promise<OpenReset | null> {
	if (!isTokenShaped(token)) return null;
	const [row] = await app.db
		.select({
			id: passwordResets.id,
			userId: users.id,
			name: users.name,
			email: users.email,
			organisation: organisations.name,
			expiresAt: passwordResets.expiresAt
		})
		.from(passwordResets)
		.innerJoin(users, eq(users.id, passwordResets.userId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(
			and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now), isNull(users.disabledAt))
		)
		.limit(1);
	return row ?? null;
}

/**
 * Sets a new password with a link. The link is spent in the same transaction (a second use, or
 * two at once, find it used), every session of the account ends and its live connections close.
 */
export async function resetPassword(app: App, opts: { token: string; password: string; meta: RequestMeta }): Promise<Result<{ userId: string }>> {
	const limiter = limitersFor(app).resetIp;
	const wait = limiter.retryAfter(opts.meta.ip);
	if (wait) return failure(rateLimited(wait));
	const open = await findOpenReset(app, opts.token);
	if (!open) {
		limiter.hit(opts.meta.ip);
		return failure(invalidResetLink());
	}
	const problem = passwordProblem(opts.password);
	if (problem) return failure({ status: 400, code: 'weak_password', message: PASSWORD_PROBLEM_MESSAGES[problem], field: 'password', reason: problem });
	const passwordHash = await hashPassword(opts.password);
	const spent = await app.db.transaction(async (tx) => {
		const used = await tx
			.update(passwordResets)
			.set({ usedAt: new Date() })
			.where(and(eq(passwordResets.id, open.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())))
			.returning({ id: passwordResets.id });
		if (used.length !== 1) return false;
		await tx.update(users).set({ passwordHash }).where(eq(users.id, open.userId));
		await invalidateUserSessions(tx, open.userId);
		await audit.record(tx, {
			initiativeId: null,
			actor: { userId: open.userId, label: open.name },
			action: 'user.password_reset',
			data: { userId: open.userId, resetId: open.id }
		});
		return true;
	});
	if (!spent) return failure(invalidResetLink());
	app.events.emit('access-changed', { userId: open.userId, reason: 'password_reset' });
	app.log.info('auth.password_reset', { userId: open.userId, ip: opts.meta.ip });
	return ok({ userId: open.userId });
}
