/**
 * Accounts, sessions, organisations and the outbox through the real server: sign-up, sign-in,
 * sign-out, limits, colleague invitations and the API's refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { testDbKind } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';

let server: TestServer;
const PASSWORD = 'en lång fras om skånska äppelträd';
/** Set by the first test: whichever simultaneous first sign-up won. */
let platformAdminEmail = '';

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.stop();
});

/** Valid organisation numbers, built with the Luhn check digit so each test has its own. */
let orgSeq = 0;
function orgNumber(): string {
	const nine = `55${String(100000 + orgSeq++ * 7919).padStart(7, '0')}`.slice(0, 9);
	let sum = 0;
	for (let i = 0; i < 9; i++) {
		let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
		if (d > 9) d -= 9;
		sum += d;
	}
	return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

let emailSeq = 0;
const email = (who = 'person') => `${who}.${++emailSeq}@example.se`;

async function signup(client: Client, overrides: Record<string, unknown> = {}) {
	const body = {
		email: email(),
		password: PASSWORD,
		name: 'Anna Andersson',
		organisation: { name: 'Skurups kommun', kind: 'buyer', orgNumber: orgNumber() },
		...overrides
	};
	const res = await client.post('/api/v1/auth/signup', body);
	return { res, body };
}

describe(`accounts on ${testDbKind()}`, () => {
	// Runs first: the first account on the installation becomes platform administrator, and only
	// one of several sign-ups arriving at the same moment can be first.
	it('makes exactly one of the first, simultaneous accounts platform administrator, who reads the outbox', async () => {
		const clients = Array.from({ length: 4 }, () => new Client(server.url));
		const results = await Promise.all(clients.map((c, i) => signup(c, { email: `first-${i}@example.se` })));
		expect(results.map((r) => r.res.status)).toEqual([201, 201, 201, 201]);
		const mes = await Promise.all(clients.map(async (c) => (await c.get('/api/v1/me')).json()));
		const admins = mes.filter((me) => me.user.platformAdmin);
		expect(admins).toHaveLength(1);
		platformAdminEmail = admins[0].user.email;
		const admin = clients[mes.indexOf(admins[0])];
		expect(admins[0].user.orgAdmin).toBe(true);
		const outbox = await admin.get('/api/v1/admin/outbox');
		expect(outbox.status).toBe(200);
		expect(Array.isArray(await outbox.json())).toBe(true);
		const other = clients[(mes.indexOf(admins[0]) + 1) % 4];
		expect((await other.get('/api/v1/admin/outbox')).status).toBe(403);
	});

	it('signs up → me → logout → me is 401', async () => {
		const client = new Client(server.url);
		const { res, body } = await signup(client, { name: 'Bo Berg' });
		expect(res.status).toBe(201);
		const created = await res.json();
		expect(created.user).toEqual({ id: expect.any(String), email: body.email, name: 'Bo Berg' });
		expect(created.organisation).toEqual({ id: expect.any(String), name: 'Skurups kommun', kind: 'buyer' });

		const me = await client.get('/api/v1/me');
		expect(me.status).toBe(200);
		const meBody = await me.json();
		expect(meBody.user).toMatchObject({ id: created.user.id, email: body.email, name: 'Bo Berg', platformAdmin: false, orgAdmin: true });
		expect(meBody.organisation).toEqual({ ...created.organisation, orgNumber: (body.organisation as { orgNumber: string }).orgNumber });

		const cookie = client.cookieHeader();
		const out = await client.post('/api/v1/auth/logout');
		expect(out.status).toBe(204);
		expect((await client.get('/api/v1/me')).status).toBe(401);
		// The old cookie is dead server-side too, not only forgotten by the browser.
		const replay = await fetch(`${server.url}/api/v1/me`, { headers: { cookie } });
		expect(replay.status).toBe(401);
	});

	it('sets the session cookie HttpOnly, SameSite=Lax, Path=/', async () => {
		const client = new Client(server.url);
		const { res } = await signup(client);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('brygga_session='));
		expect(cookie).toBeDefined();
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(cookie).toMatch(/;\s*SameSite=Lax/i);
		expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
		// Plain http in tests: no Secure flag and no __Host- prefix (those come with an https ORIGIN).
		expect(cookie).not.toMatch(/;\s*Secure/i);
	});

	it('gives a new session at each sign-in and ends the one the browser had', async () => {
		const client = new Client(server.url);
		const { body } = await signup(client);
		const first = new Client(server.url);
		expect((await first.post('/api/v1/auth/login', { email: body.email, password: PASSWORD })).status).toBe(200);
		const firstCookie = first.cookieHeader();
		const login = await first.post('/api/v1/auth/login', { email: body.email, password: PASSWORD });
		expect(login.status).toBe(200);
		expect((await login.json()).user).toMatchObject({ email: body.email });
		expect(first.cookieHeader()).not.toBe(firstCookie);
		expect((await fetch(`${server.url}/api/v1/me`, { headers: { cookie: firstCookie } })).status).toBe(401);
		expect((await first.get('/api/v1/me')).status).toBe(200);
	});

	it('refuses short, overlong and common passwords with weak_password', async () => {
		for (const password of ['kort lösen', 'x'.repeat(257), 'qwerty123456', 'PASSWORD1234']) {
			const { res } = await signup(new Client(server.url), { password });
			expect(res.status, password).toBe(400);
			const body = await res.json();
			expect(body.error.code).toBe('weak_password');
			expect(body.error.message.length).toBeGreaterThan(10);
		}
	});

	it('refuses an organisation number with a wrong check digit with invalid_org_number', async () => {
		const { res } = await signup(new Client(server.url), {
			organisation: { name: 'Felnummer AB', kind: 'supplier', orgNumber: '556016-0681' }
		});
		expect(res.status).toBe(400);
		expect((await res.json()).error.code).toBe('invalid_org_number');
	});

	it('accepts the organisation number in any accepted spelling and stores it normalised', async () => {
		const number = orgNumber();
		const client = new Client(server.url);
		const { res } = await signup(client, { organisation: { name: 'Exempel AB', kind: 'supplier', orgNumber: `16${number.replace('-', '')}` } });
		expect(res.status).toBe(201);
		expect((await (await client.get('/api/v1/me')).json()).organisation.orgNumber).toBe(number);
	});

	it('answers 409 for an email that is taken, whatever its case', async () => {
		const { body } = await signup(new Client(server.url));
		const { res } = await signup(new Client(server.url), { email: body.email.toUpperCase() });
		expect(res.status).toBe(409);
		expect((await res.json()).error.code).toBe('email_taken');
	});

	it('answers 409 org_number_taken when the organisation is already registered', async () => {
		const { body } = await signup(new Client(server.url));
		const { res } = await signup(new Client(server.url), { organisation: body.organisation });
		expect(res.status).toBe(409);
		const err = (await res.json()).error;
		expect(err.code).toBe('org_number_taken');
		expect(err.message).toMatch(/administratör/);
	});

	it('refuses a body without organisation or invitation, and wrong types, with 400 invalid_request', async () => {
		for (const body of [
			{ email: email(), password: PASSWORD, name: 'X' },
			{ email: 'not-an-email', password: PASSWORD, name: 'X', organisation: { name: 'Y', kind: 'buyer', orgNumber: orgNumber() } },
			{ email: email(), password: 123, name: 'X' },
			{ email: email(), password: PASSWORD, name: 'X', organisation: { name: 'Y', kind: 'church', orgNumber: orgNumber() } },
			[],
			'"just a string"'
		]) {
			const res = await new Client(server.url).post('/api/v1/auth/signup', body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect((await res.json()).error.code).toBe('invalid_request');
		}
	});

	it('gives the same 401 body for an unknown email and for a wrong password', async () => {
		const { body } = await signup(new Client(server.url));
		const wrong = await new Client(server.url).post('/api/v1/auth/login', { email: body.email, password: 'fel lösenord helt och hållet' });
		const unknown = await new Client(server.url).post('/api/v1/auth/login', { email: 'nobody-here@example.se', password: 'fel lösenord helt och hållet' });
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		const a = await wrong.json();
		const b = await unknown.json();
		expect(a).toEqual(b);
		expect(a.error.code).toBe('invalid_credentials');
	});

	it('limits failed sign-ins: the 11th rapid failure gets 429 with Retry-After, even with the right password', async () => {
		const { body } = await signup(new Client(server.url));
		const client = new Client(server.url);
		for (let i = 0; i < 10; i++) {
			const res = await client.post('/api/v1/auth/login', { email: body.email, password: `wrong password ${i} here` });
			expect(res.status, `attempt ${i + 1}`).toBe(401);
		}
		const limited = await client.post('/api/v1/auth/login', { email: body.email, password: `wrong password again` });
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await limited.json()).error.code).toBe('rate_limited');
		const right = await client.post('/api/v1/auth/login', { email: body.email, password: PASSWORD });
		expect(right.status).toBe(429);
	});

	it('changes the password: the current one is required, other sessions end, this one stays', async () => {
		const here = new Client(server.url);
		const { body } = await signup(here);
		const elsewhere = new Client(server.url);
		await elsewhere.post('/api/v1/auth/login', { email: body.email, password: PASSWORD });
		expect((await elsewhere.get('/api/v1/me')).status).toBe(200);

		const wrong = await here.post('/api/v1/me/password', { currentPassword: 'not the password at all', newPassword: 'ett helt nytt lösenord' });
		expect(wrong.status).toBe(400);
		expect((await wrong.json()).error.code).toBe('wrong_password');
		const weak = await here.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'short' });
		expect((await weak.json()).error.code).toBe('weak_password');

		const ok = await here.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'ett helt nytt lösenord' });
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ endedSessions: 1 });
		expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
		expect((await here.get('/api/v1/me')).status).toBe(200);
		expect((await new Client(server.url).post('/api/v1/auth/login', { email: body.email, password: PASSWORD })).status).toBe(401);
		expect((await new Client(server.url).post('/api/v1/auth/login', { email: body.email, password: 'ett helt nytt lösenord' })).status).toBe(200);
	});

	it('renames the user with PATCH /api/v1/me', async () => {
		const client = new Client(server.url);
		await signup(client);
		const res = await client.patch('/api/v1/me', { name: '  Nytt Namn  ' });
		expect(res.status).toBe(200);
		expect((await res.json()).user.name).toBe('Nytt Namn');
		expect((await client.patch('/api/v1/me', { name: '' })).status).toBe(400);
		expect((await client.patch('/api/v1/me', { name: 42 })).status).toBe(400);
	});

	it('lists the user’s own sessions and revokes one; other people’s session ids are 404', async () => {
		const here = new Client(server.url);
		const { body } = await signup(here);
		const phone = new Client(server.url);
		await phone.request('POST', '/api/v1/auth/login', { email: body.email, password: PASSWORD }, { 'user-agent': 'Mozilla/5.0 (iPhone) Safari/604.1' });
		const list = await (await here.get('/api/v1/me/sessions')).json();
		expect(list).toHaveLength(2);
		expect(list[0].current).toBe(true);
		const other = list.find((s: { current: boolean }) => !s.current);
		expect(JSON.stringify(list)).not.toMatch(/secret/i);

		const stranger = new Client(server.url);
		await signup(stranger);
		expect((await stranger.delete(`/api/v1/me/sessions/${other.id}`)).status).toBe(404);
		expect((await phone.get('/api/v1/me')).status).toBe(200);

		expect((await here.delete(`/api/v1/me/sessions/${other.id}`)).status).toBe(204);
		expect((await phone.get('/api/v1/me')).status).toBe(401);
		expect((await here.get('/api/v1/me')).status).toBe(200);
	});
});

describe(`organisations and invitations on ${testDbKind()}`, () => {
	it('lets an administrator invite a colleague, who signs up with the token into the same organisation, once', async () => {
		const admin = new Client(server.url);
		const { res } = await signup(admin, { name: 'Åsa Admin' });
		const org = (await res.json()).organisation;
		const colleagueEmail = email('kollega');

		const invited = await admin.post('/api/v1/organisation/invitations', { email: colleagueEmail });
		expect(invited.status).toBe(201);
		const { inviteUrl } = await invited.json();
		expect(inviteUrl).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{43}$`));
		const token = inviteUrl.split('/').at(-1);

		// The mail is in the outbox (read by the platform administrator, the first account).
		const platformAdmin = new Client(server.url);
		await platformAdmin.post('/api/v1/auth/login', { email: platformAdminEmail, password: PASSWORD });
		const outbox = await (await platformAdmin.get('/api/v1/admin/outbox')).json();
		const mail = outbox.find((m: { to: string }) => m.to === colleagueEmail);
		expect(mail).toBeDefined();
		expect(mail.subject).toContain('Skurups kommun');
		expect(mail.body).toContain(inviteUrl);
		expect(mail.body).toContain('Åsa Admin');
		expect(mail.body).toMatch(/In English/);
		expect(mail).toMatchObject({ createdAt: expect.any(String) });

		// The landing page shows the invitation with the address locked.
		const page = await fetch(`${server.url}/invite/${token}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(colleagueEmail);
		expect(html).toContain('readonly');

		// Someone else's address cannot use the link.
		const thief = await new Client(server.url).post('/api/v1/auth/signup', { email: email('tjuv'), password: PASSWORD, name: 'Tjuv', inviteToken: token });
		expect(thief.status).toBe(400);
		expect((await thief.json()).error.code).toBe('invalid_invitation');

		const colleague = new Client(server.url);
		const joined = await colleague.post('/api/v1/auth/signup', { email: colleagueEmail, password: PASSWORD, name: 'Kalle Kollega', inviteToken: token });
		expect(joined.status).toBe(201);
		expect((await joined.json()).organisation).toEqual(org);
		const me = await (await colleague.get('/api/v1/me')).json();
		expect(me.organisation.id).toBe(org.id);
		expect(me.user.orgAdmin).toBe(false);

		// Single use: the same token does not work again, not even for the same address.
		const again = await new Client(server.url).post('/api/v1/auth/signup', {
			email: colleagueEmail.replace('@', '+2@'),
			password: PASSWORD,
			name: 'Igen',
			inviteToken: token
		});
		expect((await again.json()).error.code).toBe('invalid_invitation');
		expect((await fetch(`${server.url}/invite/${token}`)).status).toBe(200);

		// The colleague sees the organisation but may not invite (403); anonymous gets 401.
		const orgView = await (await colleague.get('/api/v1/organisation')).json();
		expect(orgView.organisation.id).toBe(org.id);
		expect(orgView.members.map((m: { name: string }) => m.name).sort()).toEqual(['Kalle Kollega', 'Åsa Admin']);
		expect(orgView.abilities.invite).toBe(false);
		const refused = await colleague.post('/api/v1/organisation/invitations', { email: email() });
		expect(refused.status).toBe(403);
		expect((await refused.json()).error.code).toBe('forbidden');
		expect((await new Client(server.url).post('/api/v1/organisation/invitations', { email: email() })).status).toBe(401);
	});

	it('lists open invitations to administrators only', async () => {
		const admin = new Client(server.url);
		await signup(admin);
		const invitee = email('vantar');
		await admin.post('/api/v1/organisation/invitations', { email: invitee });
		const list = await admin.get('/api/v1/organisation/invitations');
		expect(list.status).toBe(200);
		expect((await list.json()).map((i: { email: string }) => i.email)).toEqual([invitee]);
		const taken = await admin.post('/api/v1/organisation/invitations', { email: platformAdminEmail });
		expect(taken.status).toBe(409);
		expect((await taken.json()).error.code).toBe('email_taken');
		const bad = await admin.post('/api/v1/organisation/invitations', { email: 'inte en adress' });
		expect(bad.status).toBe(400);
	});

	it('refuses made-up and malformed invitation tokens', async () => {
		for (const inviteToken of ['A'.repeat(43), 'short', '../../etc/passwd']) {
			const res = await new Client(server.url).post('/api/v1/auth/signup', { email: email(), password: PASSWORD, name: 'X', inviteToken });
			expect(res.status).toBe(400);
			expect((await res.json()).error.code).toBe('invalid_invitation');
		}
		const page = await fetch(`${server.url}/invite/${'A'.repeat(43)}`);
		expect(page.status).toBe(200);
		expect(await page.text()).not.toContain('name="password"');
	});

	it('gives the outbox 403 to signed-in users who are not platform administrators and 401 to anonymous', async () => {
		const client = new Client(server.url);
		await signup(client);
		const res = await client.get('/api/v1/admin/outbox');
		expect(res.status).toBe(403);
		expect((await res.json()).error.code).toBe('forbidden');
		expect((await new Client(server.url).get('/api/v1/admin/outbox')).status).toBe(401);
	});
});

describe(`the account API's refusals on ${testDbKind()}`, () => {
	it('answers malformed JSON with 400 malformed_json', async () => {
		const res = await new Client(server.url).post('/api/v1/auth/login', '{"email": ');
		expect(res.status).toBe(400);
		expect((await res.json()).error.code).toBe('malformed_json');
	});

	it('answers a text/plain body with 415', async () => {
		const res = await new Client(server.url).request('POST', '/api/v1/auth/signup', '{}', { 'content-type': 'text/plain' });
		expect(res.status).toBe(415);
		expect((await res.json()).error.code).toBe('unsupported_media_type');
	});

	it('refuses a POST from another origin with 403', async () => {
		const res = await new Client(server.url).request('POST', '/api/v1/auth/login', { email: 'a@b.se', password: 'x' }, { origin: 'https://evil.example' });
		expect(res.status).toBe(403);
	});

	it('answers GET on a POST-only endpoint with 405 in the error shape and an Allow header', async () => {
		for (const path of ['/api/v1/auth/login', '/api/v1/auth/signup', '/api/v1/auth/logout']) {
			const res = await fetch(`${server.url}${path}`);
			expect(res.status, path).toBe(405);
			expect(res.headers.get('allow')).toBe('POST');
			expect((await res.json()).error.code).toBe('method_not_allowed');
		}
	});

	it('answers /api/v1/me with 401 without a session and with a forged cookie', async () => {
		expect((await fetch(`${server.url}/api/v1/me`)).status).toBe(401);
		const forged = await fetch(`${server.url}/api/v1/me`, { headers: { cookie: `brygga_session=${'a'.repeat(24)}.${'b'.repeat(32)}` } });
		expect(forged.status).toBe(401);
	});

	it('logout without a session still answers 204', async () => {
		expect((await new Client(server.url).post('/api/v1/auth/logout')).status).toBe(204);
	});
});

describe(`the account pages on ${testDbKind()}`, () => {
	const form = (data: Record<string, string>) => new URLSearchParams(data).toString();
	const post = (client: Client, path: string, data: Record<string, string>) =>
		client.request('POST', path, form(data), { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });

	it('signs in through the login form and follows only same-site next paths', async () => {
		const { body } = await signup(new Client(server.url));
		const client = new Client(server.url);
		const res = await post(client, '/login?/login', { email: body.email, password: PASSWORD, next: '//evil.example/x' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/initiatives');
		expect((await client.get('/api/v1/me')).status).toBe(200);

		const again = new Client(server.url);
		const res2 = await post(again, '/login?/login', { email: body.email, password: PASSWORD, next: '/account?x=1' });
		expect(res2.headers.get('location')).toBe('/account?x=1');
	});

	it('keeps the email and shows the reason when the login form fails', async () => {
		const res = await post(new Client(server.url), '/login?/login', { email: 'nobody@example.se', password: 'wrong wrong wrong' });
		expect(res.status).toBe(401);
		const html = await res.text();
		expect(html).toContain('nobody@example.se');
		expect(html).toContain('Fel e-postadress eller lösenord');
	});

	it('refuses demo sign-in when demo mode is off', async () => {
		const res = await post(new Client(server.url), '/login?/demo', { persona: 'process_leader' });
		expect(res.status).toBe(403);
	});

	it('signs up through the form, and the form explains a bad organisation number in Swedish', async () => {
		const bad = await post(new Client(server.url), '/signup', {
			name: 'Form Person',
			email: email('form'),
			password: PASSWORD,
			orgName: 'Formkommunen',
			orgKind: 'buyer',
			orgNumber: '556016-0681'
		});
		expect(bad.status).toBe(400);
		const html = await bad.text();
		expect(html).toContain('Organisationsnumret stämmer inte');
		expect(html).toContain('Formkommunen');
		expect(html).not.toContain(PASSWORD);

		const client = new Client(server.url);
		const good = await post(client, '/signup', {
			name: 'Form Person',
			email: email('form'),
			password: PASSWORD,
			orgName: 'Formkommunen',
			orgKind: 'buyer',
			orgNumber: orgNumber()
		});
		expect(good.status).toBe(303);
		expect((await client.get('/api/v1/me')).status).toBe(200);
	});

	it('sends anonymous visitors of the account pages to the login with a way back', async () => {
		for (const path of ['/account', '/organisation', '/admin']) {
			const res = await new Client(server.url).get(path);
			expect(res.status, path).toBe(303);
			expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
		}
	});

	it('shows account, organisation and admin pages to the right people', async () => {
		const client = new Client(server.url);
		const { body } = await signup(client, { name: 'Sidvisare' });
		const account = await client.get('/account');
		expect(account.status).toBe(200);
		expect(await account.text()).toContain(body.email);
		const org = await client.get('/organisation');
		expect(org.status).toBe(200);
		expect(await org.text()).toContain('Bjud in en kollega');
		expect((await client.get('/admin')).status).toBe(403);

		const admin = new Client(server.url);
		await admin.post('/api/v1/auth/login', { email: platformAdminEmail, password: PASSWORD });
		const adminPage = await admin.get('/admin');
		expect(adminPage.status).toBe(200);
		expect(await adminPage.text()).toContain('Utkorg');
	});

	it('signs out through the logout form and ends the session', async () => {
		const client = new Client(server.url);
		await signup(client);
		const cookie = client.cookieHeader();
		const res = await post(client, '/logout', {});
		expect(res.status).toBe(303);
		expect((await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
	});
});
