import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/index.ts';
import { organisations, sessions, users } from '../db/schema/index.ts';
import {
	createSession,
	deleteExpiredSessions,
	invalidateSession,
	invalidateUserSessions,
	limitsFrom,
	listUserSessions,
	sessionCookie,
	sessionIdOf,
	validateSessionToken
} from './session.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SECOND = 1_000;
/** The defaults documented in config.ts: 60 minutes idle, 12 hours absolute. */
const limits = limitsFrom({ SESSION_IDLE_MINUTES: 60, SESSION_ABSOLUTE_HOURS: 12 });

let database: Database;
let userId: string;
const T0 = new Date('2026-03-02T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

beforeAll(async () => {
	database = await openDatabase({ dataDir: 'memory://' });
	const [org] = await database.db
		.insert(organisations)
		.values({ name: 'Skurups kommun', kind: 'buyer', orgNumber: '212000-1355' })
		.returning();
	const [user] = await database.db
		.insert(users)
		.values({ email: 'anna@skurup.se', name: 'Anna', passwordHash: 'x', organisationId: org.id })
		.returning();
	userId = user.id;
}, 60_000);

afterAll(async () => {
	await database?.close();
});

describe('session tokens', () => {
	it('are an id and a secret, the secret at least 128 bits from the CSPRNG', async () => {
		const { token } = await createSession(database.db, userId, limits, {}, T0);
		const [id, secret] = token.split('.');
		expect(decodeBase32IgnorePadding(id.toUpperCase()).length).toBe(15);
		expect(decodeBase32IgnorePadding(secret.toUpperCase()).length).toBeGreaterThanOrEqual(16);
		expect(sessionIdOf(token)).toBe(id);
	});

	it('store only a hash of the secret', async () => {
		const { token } = await createSession(database.db, userId, limits, {}, T0);
		const [id, secret] = token.split('.');
		const [row] = await database.db.select().from(sessions).where(eq(sessions.id, id));
		expect(Buffer.from(row.secretHash).toString('utf8')).not.toContain(secret);
		expect(row.secretHash.length).toBe(32);
	});

	it('validate to the user, and refuse a changed secret or a malformed token', async () => {
		const { token } = await createSession(database.db, userId, limits, {}, T0);
		const ok = await validateSessionToken(database.db, token, limits, at(SECOND));
		expect(ok?.actor).toMatchObject({ kind: 'user', userId, name: 'Anna', organisationKind: 'buyer' });
		const last = token.at(-1) === 'a' ? 'b' : 'a';
		expect(await validateSessionToken(database.db, token.slice(0, -1) + last, limits, at(SECOND))).toBeNull();
		for (const bad of ['', '.', token + '.x', token.split('.')[0], 'x'.repeat(24) + '.' + 'y'.repeat(32)]) {
			expect(await validateSessionToken(database.db, bad, limits, at(SECOND)), bad).toBeNull();
		}
	});
});

describe('inactivity timeout (60 minutes, sliding)', () => {
	it('keeps an unused session alive 1 s before the limit', async () => {
		const { token } = await createSession(database.db, userId, limits, {}, T0);
		expect(await validateSessionToken(database.db, token, limits, at(HOUR - SECOND))).not.toBeNull();
	});

	it('ends an unused session 1 s after the limit, and deletes it', async () => {
		const { token } = await createSession(database.db, userId, limits, {}, T0);
		expect(await validateSessionToken(database.db, token, limits, at(HOUR + SECOND))).toBeNull();
		// Gone for good: even a request "back in time" does not revive it.
		expect(await validateSessionToken(database.db, token, limits, at(SECOND))).toBeNull();
	});

	it('slides: each use moves the limit to an hour after that use', async () => {
		const { token } = await createSession(database.db, userId, limits, {}, T0);
		const used = 50 * MINUTE;
		const v = await validateSessionToken(database.db, token, limits, at(used));
		expect(v?.session.expiresAt.getTime()).toBe(at(used + HOUR).getTime());
		expect(await validateSessionToken(database.db, token, limits, at(used + HOUR - SECOND))).not.toBeNull();
	});

	it('ends 1 s after an hour without use following the last use', async () => {
		const { token } = await createSession(database.db, userId, limits, {}, T0);
		await validateSessionToken(database.db, token, limits, at(50 * MINUTE));
		expect(await validateSessionToken(database.db, token, limits, at(50 * MINUTE + HOUR + SECOND))).toBeNull();
	});
});

describe('absolute lifetime (12 hours, whatever the use)', () => {
	async function keepBusy(token: string, until: number) {
		for (let t = 30 * MINUTE; t < until; t += 30 * MINUTE) {
			expect(await validateSessionToken(database.db, token, limits, at(t))).not.toBeNull();
		}
	}

	it('keeps a busy session 1 s before 12 hours', async () => {
		const { token } = await createSession(database.db, userId, limits, {}, T0);
		await keepBusy(token, 12 * HOUR - SECOND);
		expect(await validateSessionToken(database.db, token, limits, at(12 * HOUR - SECOND))).not.toBeNull();
	});

	it('ends a busy session 1 s after 12 hours', async () => {
		const { token } = await createSession(database.db, userId, limits, {}, T0);
		await keepBusy(token, 12 * HOUR - SECOND);
		expect(await validateSessionToken(database.db, token, limits, at(12 * HOUR + SECOND))).toBeNull();
	});

	it('reports the earlier of the two limits as the expiry', async () => {
		const { token } = await createSession(database.db, userId, limits, {}, T0);
		await keepBusy(token, 11 * HOUR + 30 * MINUTE);
		const v = await validateSessionToken(database.db, token, limits, at(11 * HOUR + 30 * MINUTE));
		expect(v?.session.expiresAt.getTime()).toBe(at(12 * HOUR).getTime());
	});
});

describe('ending sessions', () => {
	it('logout ends exactly one session', async () => {
		const a = await createSession(database.db, userId, limits, {}, T0);
		const b = await createSession(database.db, userId, limits, {}, T0);
		await invalidateSession(database.db, a.session.id);
		expect(await validateSessionToken(database.db, a.token, limits, at(SECOND))).toBeNull();
		expect(await validateSessionToken(database.db, b.token, limits, at(SECOND))).not.toBeNull();
	});

	it('a password change ends every other session of the user and keeps the current one', async () => {
		const current = await createSession(database.db, userId, limits, {}, T0);
		const other = await createSession(database.db, userId, limits, {}, T0);
		await invalidateUserSessions(database.db, userId, current.session.id);
		expect(await validateSessionToken(database.db, other.token, limits, at(SECOND))).toBeNull();
		expect(await validateSessionToken(database.db, current.token, limits, at(SECOND))).not.toBeNull();
		const ids = (await listUserSessions(database.db, userId)).map((s) => s.id);
		expect(ids).toEqual([current.session.id]);
	});

	it('a disabled user has no valid session', async () => {
		const { token } = await createSession(database.db, userId, limits, {}, T0);
		await database.db.update(users).set({ disabledAt: T0 }).where(eq(users.id, userId));
		try {
			expect(await validateSessionToken(database.db, token, limits, at(SECOND))).toBeNull();
		} finally {
			await database.db.update(users).set({ disabledAt: null }).where(eq(users.id, userId));
		}
	});

	it('expired sessions are swept from the table', async () => {
		await invalidateUserSessions(database.db, userId);
		await createSession(database.db, userId, limits, {}, T0);
		const fresh = await createSession(database.db, userId, limits, {}, at(2 * HOUR));
		expect(await deleteExpiredSessions(database.db, limits, at(2 * HOUR + SECOND))).toBe(1);
		expect((await listUserSessions(database.db, userId)).map((s) => s.id)).toEqual([fresh.session.id]);
	});
});

describe('session cookie', () => {
	it('is HttpOnly, SameSite=Lax, path / over http', () => {
		expect(sessionCookie(false)).toEqual({ name: 'brygga_session', options: { path: '/', httpOnly: true, sameSite: 'lax', secure: false } });
	});

	it('is Secure with the __Host- prefix over https', () => {
		const c = sessionCookie(true);
		expect(c.name.startsWith('__Host-')).toBe(true);
		expect(c.options).toMatchObject({ secure: true, path: '/', httpOnly: true, sameSite: 'lax' });
	});
});
