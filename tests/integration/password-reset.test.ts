/**
 * A new password for a lost one, and platform administrators' account list, through the real
 * server with mail delivered over a real SMTP socket (a sink in this process): the link by mail,
 * what the outbox keeps, single use, expiry, limits, the administrator's link, and disabling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { freshDatabase, testDbKind } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';
import { liveClient, until } from '../helpers/live.ts';
import { mailText, startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';
import { makeOrganisation, makeUser } from '../factories/collab.ts';
import { orgNumber } from '../e2e/helpers/accounts.ts';
import { createApp } from '../../src/lib/server/app.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { requestReset } from '../../src/lib/server/auth/password-reset.ts';
import { NOT_SENT_WITHOUT_SMTP } from '../../src/lib/server/mail/index.ts';
import { auditLog, outbox, passwordResets, users } from '../../src/lib/server/db/schema/index.ts';
import { CLOSE } from '../../src/lib/collab/protocol.ts';

let server: TestServer;
let smtp: SmtpSink;
const PASSWORD = 'en lång fras om skånska äppelträd';
const NEW_PASSWORD = 'ett nytt lösenord om österlenska kohagar';

beforeAll(async () => {
	smtp = await startSmtpSink();
	server = await startTestServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
	await server?.stop();
	await smtp?.close();
});

let seq = 0;

/** A new account (the first one made in this file is the platform administrator). */
async function account(name = 'Karin Persson') {
	seq++;
	const client = new Client(server.url);
	const email = `karin.${seq}@ystad.example.se`;
	const res = await client.post('/api/v1/auth/signup', {
		email,
		password: PASSWORD,
		name,
		organisation: { name: `Ystads kommun ${seq}`, kind: 'buyer', orgNumber: orgNumber('buyer') }
	});
	expect(res.status).toBe(201);
	const { user } = await res.json();
	return { client, email, id: user.id as string };
}

const login = (email: string, password: string) => new Client(server.url).post('/api/v1/auth/login', { email, password });

/** Asks for a link for `email` and returns the token of the mail that request sends. */
async function askForLink(email: string): Promise<string> {
	const since = smtp.mails.length;
	const res = await new Client(server.url).post('/api/v1/auth/password-reset', { email });
	expect(res.status).toBe(202);
	return mailedLink(email, since);
}

/** The link of the first mail to `to` among those received after the first `since` mails. */
async function mailedLink(to: string, since: number): Promise<string> {
	const mail = await until(() => smtp.mails.slice(since).find((m) => m.to.includes(to)), 5000, `mail to ${to}`);
	const link = mailText(mail!).match(/https?:\/\/\S+\/password-reset\/([A-Za-z0-9_-]{43})/);
	expect(link).not.toBeNull();
	return link![1];
}

let admin: Awaited<ReturnType<typeof account>>;

describe(`a new password by mail on ${testDbKind()}`, () => {
	beforeAll(async () => {
		admin = await account('Admin Adminsson');
		const me = await (await admin.client.get('/api/v1/me')).json();
		expect(me.user.platformAdmin).toBe(true);
	});

	it('answers an unknown and a known address alike, mails only the known one, and keeps no link in the outbox', async () => {
		const known = await account();
		const before = smtp.mails.length;
		const a = await new Client(server.url).post('/api/v1/auth/password-reset', { email: 'ingen.alls@ystad.example.se' });
		const b = await new Client(server.url).post('/api/v1/auth/password-reset', { email: known.email.toUpperCase() });
		expect(a.status).toBe(202);
		expect(b.status).toBe(202);
		expect(await a.json()).toEqual(await b.json());
		const token = await mailedLink(known.email, before);
		await new Promise((r) => setTimeout(r, 300));
		expect(smtp.mails.length).toBe(before + 1);
		const stored = await server.app.db.select().from(outbox).where(eq(outbox.to, known.email));
		expect(stored).toHaveLength(1);
		expect(stored[0].body).not.toContain(token);
		expect(stored[0].body).not.toMatch(/password-reset\//);
		expect(stored[0].sentAt).not.toBeNull();
		// And the administrators' view of the outbox has no link either.
		expect(JSON.stringify(await (await admin.client.get('/api/v1/admin/outbox')).json())).not.toContain(token);
	});

	it('sets the new password once, ends every session of the account and closes its live connections', async () => {
		const person = await account();
		const initiative = await (await person.client.post('/api/v1/initiatives', { title: 'Fallprevention i hemtjänsten' })).json();
		const live = liveClient(server.url, initiative.docs.brief, { cookie: person.client.cookieHeader() });
		await live.synced;
		const token = await askForLink(person.email);

		const weak = await new Client(server.url).post(`/api/v1/auth/password-reset/${token}`, { password: 'kort' });
		expect(weak.status).toBe(400);
		expect((await weak.json()).error.code).toBe('weak_password');

		const done = await new Client(server.url).post(`/api/v1/auth/password-reset/${token}`, { password: NEW_PASSWORD });
		expect(done.status).toBe(200);
		expect(await done.json()).toEqual({ status: 'reset' });
		expect((await person.client.get('/api/v1/me')).status).toBe(401);
		await until(() => live.closes.length > 0, 5000, 'live connection closed');
		expect(live.closes[0].code).toBe(CLOSE.unauthenticated);
		live.destroy();
		expect((await login(person.email, PASSWORD)).status).toBe(401);
		expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);

		const again = await new Client(server.url).post(`/api/v1/auth/password-reset/${token}`, { password: 'ännu ett lösenord om gotländska raukar' });
		expect(again.status).toBe(400);
		expect((await again.json()).error.code).toBe('invalid_reset_link');
		const journal = await server.app.db.select({ action: auditLog.action }).from(auditLog);
		expect(journal.map((j) => j.action)).toEqual(expect.arrayContaining(['user.password_reset_requested', 'user.password_reset']));
	});

	it('lets only the newest link work, and no link after it expired', async () => {
		const person = await account();
		const first = await askForLink(person.email);
		const second = await askForLink(person.email);
		expect(second).not.toBe(first);
		const old = await new Client(server.url).post(`/api/v1/auth/password-reset/${first}`, { password: NEW_PASSWORD });
		expect((await old.json()).error.code).toBe('invalid_reset_link');
		await server.app.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.userId, person.id));
		const expired = await new Client(server.url).post(`/api/v1/auth/password-reset/${second}`, { password: NEW_PASSWORD });
		expect(expired.status).toBe(400);
		expect((await expired.json()).error.code).toBe('invalid_reset_link');
		expect((await login(person.email, PASSWORD)).status).toBe(200);
	});

	it('refuses malformed input with a clear error, never a 500', async () => {
		const client = new Client(server.url);
		const bad = await client.request('POST', '/api/v1/auth/password-reset', '{"email":', { 'content-type': 'application/json' });
		expect(bad.status).toBe(400);
		expect((await bad.json()).error.code).toBe('malformed_json');
		const notEmail = await client.post('/api/v1/auth/password-reset', { email: 'inte en adress' });
		expect(notEmail.status).toBe(400);
		expect((await notEmail.json()).error.code).toBe('invalid_request');
		const wrongType = await client.post('/api/v1/auth/password-reset/abc', { password: 12 });
		expect(wrongType.status).toBe(400);
		const noSuchToken = await client.post(`/api/v1/auth/password-reset/${'A'.repeat(43)}`, { password: NEW_PASSWORD });
		expect(noSuchToken.status).toBe(400);
		expect((await noSuchToken.json()).error.code).toBe('invalid_reset_link');
		expect((await client.get('/api/v1/auth/password-reset')).status).toBe(405);
	});

	it('limits mails to one account (429 with Retry-After), and still answers the same', async () => {
		const person = await account();
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await new Client(server.url).post('/api/v1/auth/password-reset', { email: person.email })).status);
		expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
		expect(statuses[5]).toBe(429);
		const limited = await new Client(server.url).post('/api/v1/auth/password-reset', { email: person.email });
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});

describe(`platform administrators and accounts on ${testDbKind()}`, () => {
	it('lists every account to platform administrators only', async () => {
		const other = await account();
		expect((await other.client.get('/api/v1/admin/users')).status).toBe(403);
		expect((await new Client(server.url).get('/api/v1/admin/users')).status).toBe(401);
		const res = await admin.client.get('/api/v1/admin/users');
		expect(res.status).toBe(200);
		const list = await res.json();
		const row = list.find((a: { id: string }) => a.id === other.id);
		expect(row).toMatchObject({ email: other.email, platformAdmin: false, orgAdmin: true, demo: false, disabledAt: null });
		expect(row.organisation.kind).toBe('buyer');
	});

	it('makes a journalled, single-use link for a colleague; others get 403, unknown ids 404', async () => {
		const person = await account();
		expect((await person.client.post(`/api/v1/admin/users/${admin.id}/password-reset`)).status).toBe(403);
		expect((await admin.client.post(`/api/v1/admin/users/${crypto.randomUUID()}/password-reset`)).status).toBe(404);
		expect((await admin.client.post('/api/v1/admin/users/inte-ett-id/password-reset')).status).toBe(404);
		const res = await admin.client.post(`/api/v1/admin/users/${person.id}/password-reset`);
		expect(res.status).toBe(201);
		const { resetUrl, expiresAt } = await res.json();
		expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
		const token = resetUrl.split('/').pop();
		expect((await new Client(server.url).post(`/api/v1/auth/password-reset/${token}`, { password: NEW_PASSWORD })).status).toBe(200);
		expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);
		const [made] = await server.app.db.select().from(auditLog).where(eq(auditLog.action, 'user.password_reset_link_created'));
		expect(made.actorUserId).toBe(admin.id);
	});

	it('disables an account: sessions end, live connections close, sign-in is refused; enabling lets it back in', async () => {
		const person = await account();
		const initiative = await (await person.client.post('/api/v1/initiatives', { title: 'Digital tillsyn' })).json();
		const live = liveClient(server.url, initiative.docs.brief, { cookie: person.client.cookieHeader() });
		await live.synced;
		expect((await person.client.patch(`/api/v1/admin/users/${admin.id}`, { disabled: true })).status).toBe(403);
		const off = await admin.client.patch(`/api/v1/admin/users/${person.id}`, { disabled: true });
		expect(off.status).toBe(200);
		expect((await off.json()).disabledAt).not.toBeNull();
		expect((await person.client.get('/api/v1/me')).status).toBe(401);
		await until(() => live.closes.length > 0, 5000, 'live connection closed');
		expect(live.closes[0].code).toBe(CLOSE.unauthenticated);
		live.destroy();
		const refused = await login(person.email, PASSWORD);
		expect(refused.status).toBe(401);
		expect((await refused.json()).error.code).toBe('invalid_credentials');
		// A disabled account gets no link either way.
		expect((await admin.client.post(`/api/v1/admin/users/${person.id}/password-reset`)).status).toBe(409);
		const mailsBefore = smtp.mails.length;
		expect((await new Client(server.url).post('/api/v1/auth/password-reset', { email: person.email })).status).toBe(202);
		await new Promise((r) => setTimeout(r, 300));
		expect(smtp.mails.length).toBe(mailsBefore);

		const on = await admin.client.patch(`/api/v1/admin/users/${person.id}`, { disabled: false });
		expect(on.status).toBe(200);
		expect((await login(person.email, PASSWORD)).status).toBe(200);
		const actions = (await server.app.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
		expect(actions).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
	});

	it('does not let an administrator disable their own account, and rejects a body of the wrong type', async () => {
		const self = await admin.client.patch(`/api/v1/admin/users/${admin.id}`, { disabled: true });
		expect(self.status).toBe(400);
		expect((await self.json()).error.code).toBe('cannot_disable_self');
		const wrong = await admin.client.patch(`/api/v1/admin/users/${admin.id}`, { disabled: 'ja' });
		expect(wrong.status).toBe(400);
		expect((await wrong.json()).error.code).toBe('invalid_request');
		const [me] = await server.app.db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, admin.id));
		expect(me.disabledAt).toBeNull();
	});
});

describe(`without a mail server on ${testDbKind()}`, () => {
	it('makes no link, and records the request in the outbox for an administrator to act on', async () => {
		const database = await freshDatabase();
		const app = await createApp({
			config: loadConfig({ DEMO: 'false', LOG_LEVEL: 'error', ...(database.url ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir }) })
		});
		try {
			// An account straight into the tables: this test is about the mail, not sign-up.
			const nils = await makeUser(app, { organisationId: (await makeOrganisation(app)).id, name: 'Nils Nilsson' });
			const [{ email }] = await app.db.select({ email: users.email }).from(users).where(eq(users.id, nils.id));
			const result = requestReset(app, { email, origin: 'http://brygga.test', meta: { ip: '127.0.0.9' } });
			if (!result.ok) throw new Error(result.failure.code);
			await result.value.delivered;
			expect(await app.db.select().from(passwordResets)).toEqual([]);
			const [mail] = await app.db.select().from(outbox);
			expect(mail.to).toBe(email);
			expect(mail.body).toContain('Administration');
			expect(mail.body).not.toMatch(/password-reset\//);
			expect(mail.error).toBe(NOT_SENT_WITHOUT_SMTP);
		} finally {
			await app.close();
			await database.drop();
		}
	});
});
