/**
 * Workshop guests: people who join one workshop from a phone with a display name only (no
 * email, no account). A guest's session is the guest: the cookie carries `<id>.<secret>` like a
 * user session (120-bit id, 120-bit CSPRNG secret, only SHA-256(secret) stored and compared in
 * constant time). The session ends when the workshop closes, and at the latest
 * `GUEST_SESSION_HOURS` after joining; the row itself stays, because cards and votes point at it.
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

/** Creates a guest of one workshop and returns the token for the cookie. */
export async function createGuestSession(
	db: Tx,
	workshopId: string,
	displayName: string
): Promise<{ token: string; actor: GuestActor }> {
	const sessionId = randomPart();
	const secret = randomPart();
	const [row] = await db
		.insert(workshopGuests)
		.values({ workshopId, sessionId, secretHash: hashSecret(secret), displayName })
		.returning({ id: workshopGuests.id });
	return { token: `${sessionId}.${secret}`, actor: { kind: 'guest', guestId: row.id, name: displayName, workshopId } };
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
			createdAt: workshopGuests.createdAt,
			endedAt: workshopGuests.endedAt,
			phase: workshops.phase
		})
		.from(workshopGuests)
		.innerJoin(workshops, eq(workshops.id, workshopGuests.workshopId))
		.where(eq(workshopGuests.sessionId, sessionId))
		.limit(1);
	if (!row) return null;
	if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secretHash))) return null;
	if (row.endedAt || row.phase === 'closed') return null;
	if (now.getTime() - row.createdAt.getTime() >= GUEST_SESSION_HOURS * 3_600_000) {
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
