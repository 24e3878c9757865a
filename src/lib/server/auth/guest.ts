/**
 * Workshop guests: people who join one workshop from a phone with a display name only (no
 * email, no account). A guest's session is the guest: the cookie carries `<id>.<secret>` like a
 * user session (120-bit id, 120-bit CSPRNG secret, only SHA-256(secret) stored and compared in
 * constant time). The session ends when the workshop closes, and at the latest
 * `GUEST_SESSION_HOURS` after joining (or re-joining from the same browser); the row itself stays, because cards and votes point at it.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, isNull } from 'drizzle-orm';
import { workshopGuests, workshops } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { Actor } from '../access/policy.ts';

export type GuestActor = Extract<Actor, { kind: 'guest' }>;

/** A workshop is one sitting: a guest session never outlives a day. */
export const GUEST_SESSION_HOURS = 24;

export function guestCookieName(secure: boolean): string {
	return secure ? '__Host-brygga_guest' : 'brygga_guest';
}

/** Cookie attributes: HttpOnly, SameSite=Lax, Secure under https, for the session's lifetime. */
export function guestCookieOptions(secure: boolean) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: GUEST_SESSION_HOURS * 3600 };
}

function randomPart(): string {
	const bytes = new Uint8Array(15);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret));

/**
 * The device cookie: one random value per browser, long-lived and HttpOnly, so that re-joining a
 * workshop from the same browser resumes the same participant (and its vote budget) instead of
 * making a new one. Stored only as SHA-256(workshop id, value): rows of different workshops
 * cannot be linked to one browser.
 */
export function deviceCookieName(secure: boolean): string {
	return secure ? '__Host-brygga_device' : 'brygga_device';
}

/** 30 days: longer than any workshop, short enough not to be a lasting identifier. */
export const DEVICE_COOKIE_DAYS = 30;

export function deviceCookieOptions(secure: boolean) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: DEVICE_COOKIE_DAYS * 86_400 };
}

/** A fresh device value (120 bits from the CSPRNG). */
export const newDeviceToken = randomPart;

/** Whether a cookie value can be a device value we issued (anything else is replaced). */
export const isDeviceToken = (v: string | undefined | null): v is string => typeof v === 'string' && /^[a-z2-7]{24}$/.test(v);

export const deviceHash = (workshopId: string, device: string) => sha256(new TextEncoder().encode(`${workshopId}:${device}`));

function newSession() {
	const sessionId = randomPart();
	const secret = randomPart();
	return { sessionId, secret, secretHash: hashSecret(secret), token: `${sessionId}.${secret}` };
}

/**
 * Creates a guest of one workshop and returns the token for the cookie. With a device value, the
 * guest is bound to that browser; when the browser already has a guest in this workshop (a
 * parallel join), nothing is created and null is returned, so the caller resumes that one.
 */
export async function createGuestSession(
	db: Tx,
	workshopId: string,
	displayName: string,
	device?: string
): Promise<{ token: string; actor: GuestActor } | null> {
	const s = newSession();
	const [row] = await db
		.insert(workshopGuests)
		.values({ workshopId, sessionId: s.sessionId, secretHash: s.secretHash, displayName, deviceHash: device ? deviceHash(workshopId, device) : null })
		.onConflictDoNothing()
		.returning({ id: workshopGuests.id });
	if (!row) return null;
	return { token: s.token, actor: { kind: 'guest', guestId: row.id, name: displayName, workshopId } };
}

export type Resumed = { token: string; actor: GuestActor } | { removed: true } | null;

/**
 * The guest this browser already is in this workshop, with a fresh session (the old token stops
 * working); `{ removed: true }` when a facilitator removed it; null when the browser has none.
 */
export async function resumeGuest(db: Tx, workshopId: string, device: string, displayName: string, now = new Date()): Promise<Resumed> {
	const hash = deviceHash(workshopId, device);
	const [row] = await db
		.select({ id: workshopGuests.id, removedAt: workshopGuests.removedAt })
		.from(workshopGuests)
		.where(and(eq(workshopGuests.workshopId, workshopId), eq(workshopGuests.deviceHash, hash)))
		.limit(1);
	if (!row) return null;
	if (row.removedAt) return { removed: true };
	const s = newSession();
	const [updated] = await db
		.update(workshopGuests)
		.set({ sessionId: s.sessionId, secretHash: s.secretHash, sessionStartedAt: now, endedAt: null, displayName })
		.where(and(eq(workshopGuests.id, row.id), isNull(workshopGuests.removedAt)))
		.returning({ id: workshopGuests.id });
	if (!updated) return { removed: true };
	return { token: s.token, actor: { kind: 'guest', guestId: row.id, name: displayName, workshopId } };
}

/** The guest behind a cookie token, or null when unknown, wrong, ended, expired or the workshop closed. */
export async function validateGuestToken(db: Db, token: string, now = new Date()): Promise<GuestActor | null> {
	const parts = token.split('.');
	if (parts.length !== 2 || parts[0].length !== 24 || parts[1].length !== 24) return null;
	const [sessionId, secret] = parts;
	const [row] = await db
		.select({
			id: workshopGuests.id,
			secretHash: workshopGuests.secretHash,
			displayName: workshopGuests.displayName,
			workshopId: workshopGuests.workshopId,
			sessionStartedAt: workshopGuests.sessionStartedAt,
			endedAt: workshopGuests.endedAt,
			removedAt: workshopGuests.removedAt,
			phase: workshops.phase
		})
		.from(workshopGuests)
		.innerJoin(workshops, eq(workshops.id, workshopGuests.workshopId))
		.where(eq(workshopGuests.sessionId, sessionId))
		.limit(1);
	if (!row) return null;
	if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secretHash))) return null;
	if (row.endedAt || row.removedAt || row.phase === 'closed') return null;
	if (now.getTime() - row.sessionStartedAt.getTime() >= GUEST_SESSION_HOURS * 3_600_000) {
		await db.update(workshopGuests).set({ endedAt: now }).where(eq(workshopGuests.id, row.id));
		return null;
	}
	return { kind: 'guest', guestId: row.id, name: row.displayName, workshopId: row.workshopId };
}

/** Ends one guest's session (leaving the workshop). */
export async function endGuestSession(db: Tx, guestId: string, now = new Date()): Promise<void> {
	await db.update(workshopGuests).set({ endedAt: now }).where(and(eq(workshopGuests.id, guestId), isNull(workshopGuests.endedAt)));
}

/** Ends every guest session of a workshop (when it closes). */
export async function endWorkshopGuestSessions(db: Tx, workshopId: string, now = new Date()): Promise<void> {
	await db
		.update(workshopGuests)
		.set({ endedAt: now })
		.where(and(eq(workshopGuests.workshopId, workshopId), isNull(workshopGuests.endedAt)));
}
