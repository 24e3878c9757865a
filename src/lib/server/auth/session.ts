/**
 * Sessions, as the Lucia guide designs them (the `lucia` package itself is deprecated).
 *
 * The token handed to the browser is `<id>.<secret>`: the id (120 bits) finds the row, the
 * secret (160 bits from the CSPRNG; ASVS 7.2.3 asks for at least 128) proves possession. Only SHA-256(secret) is stored, and it is
 * compared in constant time, so a leaked sessions table cannot be replayed and timing does not
 * leak the secret. A session ends after `idle` without use (sliding: each use moves it on,
 * written at most once a minute) and, whatever the use, `absolute` after sign-in.
 * A new session is made at every sign-in; logout and password change delete sessions.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, inArray, isNotNull, lte, ne, or } from 'drizzle-orm';
import { organisations, sessions, users } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { UserActor } from '../access/policy.ts';

export interface SessionLimits {
	/** Inactivity timeout, ms. */
	idleMs: number;
	/** Absolute lifetime from sign-in, ms. */
	absoluteMs: number;
}

/** How often at most a session's last-use time is written, ms. */
const TOUCH_INTERVAL_MS = 60_000;

/** Bytes of the session id (24 base32 characters) and of the secret (32 characters). */
export const ID_BYTES = 15;
export const SECRET_BYTES = 20;
const ID_LENGTH = 24;
const SECRET_LENGTH = 32;

function randomPart(bytes: number): string {
	const buf = new Uint8Array(bytes);
	crypto.getRandomValues(buf);
	return encodeBase32LowerCaseNoPadding(buf);
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

export interface Session {
	id: string;
	userId: string;
	createdAt: Date;
	lastActiveAt: Date;
	/** When the session ends if unused from now on (min of idle and absolute limits). */
	expiresAt: Date;
}

/** Creates a session for a user and returns the token for the cookie. */
export async function createSession(
	db: Db,
	userId: string,
	limits: SessionLimits,
	meta: { userAgent?: string | null; ip?: string | null } = {},
	now = new Date()
): Promise<{ token: string; session: Session }> {
	const id = randomPart(ID_BYTES);
	const secret = randomPart(SECRET_BYTES);
	await db.insert(sessions).values({
		id,
		secretHash: hashSecret(secret),
		userId,
		createdAt: now,
		lastActiveAt: now,
		userAgent: meta.userAgent?.slice(0, 300) ?? null,
		ip: meta.ip ?? null
	});
	return { token: `${id}.${secret}`, session: toSession({ id, userId, createdAt: now, lastActiveAt: now }, limits) };
}

function toSession(row: { id: string; userId: string; createdAt: Date; lastActiveAt: Date }, limits: SessionLimits): Session {
	const expiresAt = new Date(
		Math.min(row.lastActiveAt.getTime() + limits.idleMs, row.createdAt.getTime() + limits.absoluteMs)
	);
	return { ...row, expiresAt };
}

export interface Validated {
	session: Session;
	actor: UserActor;
}

/**
 * Checks a cookie token. Returns null (and deletes the row) when it is unknown, wrong, expired
 * or its user is disabled. Extends the inactivity window on use.
 */
export async function validateSessionToken(db: Db, token: string, limits: SessionLimits, now = new Date()): Promise<Validated | null> {
	const parts = token.split('.');
	if (parts.length !== 2 || parts[0].length !== ID_LENGTH || parts[1].length !== SECRET_LENGTH) return null;
	const [id, secret] = parts;
	const row = await sessionRow(db, id);
	if (!row) return null;
	if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secretHash))) return null;
	const session = toSession(row, limits);
	if (row.disabledAt || now.getTime() >= session.expiresAt.getTime()) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	if (now.getTime() - row.lastActiveAt.getTime() >= TOUCH_INTERVAL_MS) {
		await db.update(sessions).set({ lastActiveAt: now }).where(eq(sessions.id, id));
		session.lastActiveAt = now;
		session.expiresAt = toSession({ ...row, lastActiveAt: now }, limits).expiresAt;
	}
	return { session, actor: actorOf(row) };
}

/** A session row joined with what the actor needs of its user and organisation. */
async function sessionRow(db: Db, id: string) {
	const [row] = await db
		.select({
			id: sessions.id,
			secretHash: sessions.secretHash,
			userId: sessions.userId,
			createdAt: sessions.createdAt,
			lastActiveAt: sessions.lastActiveAt,
			name: users.name,
			disabledAt: users.disabledAt,
			organisationId: users.organisationId,
			orgAdmin: users.orgAdmin,
			platformAdmin: users.platformAdmin,
			demoPersona: users.demoPersona,
			organisationKind: organisations.kind
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(sessions.id, id))
		.limit(1);
	return row;
}

/**
 * Whether an account really administers the platform. A demo persona never does, whatever its
 * row says (older demo seeds made the process leader administrator): anyone can sign in as a
 * persona with one click, so platform administration there would hand every real account on the
 * installation — list, new-password link, disable, outbox — to any visitor.
 */
export function holdsPlatformAdmin(row: { platformAdmin: boolean; demoPersona: string | null }): boolean {
	return row.platformAdmin && row.demoPersona === null;
}

function actorOf(row: NonNullable<Awaited<ReturnType<typeof sessionRow>>>): UserActor {
	return {
		kind: 'user',
		userId: row.userId,
		name: row.name,
		organisationId: row.organisationId,
		organisationKind: row.organisationKind,
		orgAdmin: row.orgAdmin,
		platformAdmin: holdsPlatformAdmin(row)
	};
}

/**
 * The user behind a session id that was verified earlier (e.g. at a WebSocket upgrade), or null
 * when the session has ended. Unlike `validateSessionToken` this does not count as activity:
 * an open tab alone must not keep a session alive past its inactivity limit.
 */
export async function peekSession(db: Db, sessionId: string, limits: SessionLimits, now = new Date()): Promise<UserActor | null> {
	const row = await sessionRow(db, sessionId);
	if (!row || row.disabledAt || isExpired(row, limits, now)) return null;
	return actorOf(row);
}

/** The session id part of a cookie token (safe to log a prefix of, never the secret). */
export function sessionIdOf(token: string): string | null {
	const id = token.split('.')[0];
	return id && id.length === ID_LENGTH ? id : null;
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (disable, password reset), or every other one (`except`). */
export async function invalidateUserSessions(db: Tx, userId: string, except?: string): Promise<void> {
	await db
		.delete(sessions)
		.where(except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId));
}

/**
 * Ends every session of every demo persona and returns their user ids: when the first real
 * account arrives, one-click demo sign-in closes (auth/demo.ts), and a visitor who was already
 * signed in as a persona must not stay on beside the real people.
 */
export async function endDemoSessions(db: Tx): Promise<string[]> {
	const personas = await db.select({ id: users.id }).from(users).where(isNotNull(users.demoPersona));
	if (!personas.length) return [];
	const ids = personas.map((p) => p.id);
	await db.delete(sessions).where(inArray(sessions.userId, ids));
	return ids;
}

/** A user's sessions, for the "where am I signed in" list. */
export async function listUserSessions(db: Db, userId: string) {
	return db
		.select({ id: sessions.id, createdAt: sessions.createdAt, lastActiveAt: sessions.lastActiveAt, userAgent: sessions.userAgent, ip: sessions.ip })
		.from(sessions)
		.where(eq(sessions.userId, userId));
}

/** Cookie name and attributes: `__Host-` + Secure under https, HttpOnly and SameSite=Lax always. */
export function sessionCookie(secure: boolean) {
	return {
		name: secure ? '__Host-brygga_session' : 'brygga_session',
		options: { path: '/', httpOnly: true, sameSite: 'lax' as const, secure }
	};
}

export function limitsFrom(config: { SESSION_IDLE_MINUTES: number; SESSION_ABSOLUTE_HOURS: number }): SessionLimits {
	return { idleMs: config.SESSION_IDLE_MINUTES * 60_000, absoluteMs: config.SESSION_ABSOLUTE_HOURS * 3_600_000 };
}


/** Whether a session row is past its inactivity or absolute limit at `now`. */
export function isExpired(row: { createdAt: Date; lastActiveAt: Date }, limits: SessionLimits, now = new Date()): boolean {
	return now.getTime() >= Math.min(row.lastActiveAt.getTime() + limits.idleMs, row.createdAt.getTime() + limits.absoluteMs);
}

/** Deletes every session past its limits (run now and then; expired rows never validate anyway). */
export async function deleteExpiredSessions(db: Db, limits: SessionLimits, now = new Date()): Promise<number> {
	const idleBefore = new Date(now.getTime() - limits.idleMs);
	const createdBefore = new Date(now.getTime() - limits.absoluteMs);
	const removed = await db
		.delete(sessions)
		.where(or(lte(sessions.lastActiveAt, idleBefore), lte(sessions.createdAt, createdBefore)))
		.returning({ id: sessions.id });
	return removed.length;
}
