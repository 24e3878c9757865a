/**
 * Demo mode cannot reach real accounts. Anyone can become a demo persona with one click, so:
 * the first real sign-up closes one-click sign-in for good (with a reason on the login page), and
 * where an operator keeps demo personas beside real accounts (DEMO_WITH_REAL_ACCOUNTS, test and
 * training installations), no persona administers the platform — it cannot list, reset, disable
 * or read the mail of a real account.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { testDbKind } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';
import { seedDemo } from '../../src/lib/server/demo/seed.ts';
import { seedDemoTenders } from '../../src/lib/server/demo/tenders.ts';
import { seedDemoSprint } from '../../src/lib/server/demo/sprint.ts';
import { eq, inArray } from 'drizzle-orm';
import { sprintHmwWorkshops, sprintRooms, sprints, tenders, workshops } from '../../src/lib/server/db/schema/index.ts';

const PASSWORD = 'en lång fras om gotländska raukar';
let server: TestServer | undefined;

afterEach(async () => {
	await server?.stop();
	server = undefined;
});

function form(data: Record<string, string>): string {
	return new URLSearchParams(data).toString();
}

async function personaSignIn(client: Client, persona: string): Promise<Response> {
	return client.request('POST', '/login?/demo', form({ persona }), { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
}

/** A server in demo mode with the demo seeded, as `server/index.ts` starts one. */
async function startDemoServer(env: Record<string, string>): Promise<TestServer> {
	const started = await startTestServer({ DEMO: 'true', ...env });
	expect(await seedDemo(started.app)).toBe(true);
	return started;
}

/** A real municipality account, signed up through the API like a person would. */
async function realSignup(client: Client) {
	const res = await client.post('/api/v1/auth/signup', {
		email: 'karin.verklig@skurup.example',
		password: PASSWORD,
		name: 'Karin Verklig',
		organisation: { name: 'Skurups kommun', kind: 'buyer', orgNumber: '212000-1355' }
	});
	expect(res.status).toBe(201);
	return (await (await client.get('/api/v1/me')).json()) as { user: { id: string; platformAdmin: boolean } };
}

describe(`demo mode on ${testDbKind()}`, () => {
	it('closes one-click sign-in once a real account exists, signs personas out, and says why on the login page', async () => {
		server = await startDemoServer({});
		// Before: the process leader signs in with one click, but administers nothing.
		const visitor = new Client(server.url);
		expect((await personaSignIn(visitor, 'process_leader')).status).toBe(303);
		expect((await (await visitor.get('/api/v1/me')).json()).user.platformAdmin).toBe(false);
		expect((await visitor.get('/api/v1/admin/users')).status).toBe(403);

		const real = await realSignup(new Client(server.url));
		// The first real account administers the installation; the demo persona never did.
		expect(real.user.platformAdmin).toBe(true);
		// The visitor who was signed in as the persona is signed out.
		expect((await visitor.get('/api/v1/me')).status).toBe(401);

		const next = new Client(server.url);
		expect((await personaSignIn(next, 'process_leader')).status).toBe(403);
		expect((await next.get('/api/v1/me')).status).toBe(401);
		const login = await (await next.request('GET', '/login', undefined, { accept: 'text/html' })).text();
		expect(login).toContain('Demoinloggningen är avstängd');
		expect(login).not.toContain('name="persona"');
	});

	it('keeps a persona beside real accounts away from them: no list, no new-password link, no disabling, no outbox', async () => {
		server = await startDemoServer({ DEMO_WITH_REAL_ACCOUNTS: 'true' });
		const real = await realSignup(new Client(server.url));
		expect(real.user.platformAdmin).toBe(true);

		const persona = new Client(server.url);
		expect((await personaSignIn(persona, 'process_leader')).status).toBe(303);
		expect((await persona.get('/api/v1/me')).status).toBe(200);
		const me = await (await persona.get('/api/v1/me')).json();
		expect(me.user).toMatchObject({ name: 'Maria Lind', platformAdmin: false });

		const list = await persona.get('/api/v1/admin/users');
		expect(list.status).toBe(403);
		expect(await list.text()).not.toContain('karin.verklig');
		expect((await persona.post(`/api/v1/admin/users/${real.user.id}/password-reset`)).status).toBe(403);
		expect((await persona.patch(`/api/v1/admin/users/${real.user.id}`, { disabled: true })).status).toBe(403);
		const outbox = await persona.get('/api/v1/admin/outbox');
		expect(outbox.status).toBe(403);
		expect(await outbox.text()).not.toContain('karin.verklig');
		// Nor through the admin page.
		expect((await persona.request('GET', '/admin', undefined, { accept: 'text/html' })).status).toBe(403);

		// The real account still signs in with its own password.
		const karin = new Client(server.url);
		expect((await karin.post('/api/v1/auth/login', { email: 'karin.verklig@skurup.example', password: PASSWORD })).status).toBe(200);
	});

	it('has a tender round open with one demo supplier barred and the other eligible, and one opened and under evaluation — seeded once', async () => {
		server = await startDemoServer({});
		await seedDemoTenders(server.app);
		await seedDemoTenders(server.app);
		expect(await server.app.db.select({ id: tenders.id }).from(tenders)).toHaveLength(2);

		const golv = new Client(server.url);
		expect((await personaSignIn(golv, 'supplier_a')).status).toBe(303);
		const rounds = (await (await golv.get('/api/v1/tenders')).json()) as Array<{ id: string; status: string }>;
		expect(rounds.map((r) => r.status).sort()).toEqual(['opened', 'published']);
		const open = rounds.find((r) => r.status === 'published')!;
		const opened = rounds.find((r) => r.status === 'opened')!;
		expect(await (await golv.get(`/api/v1/tenders/${open.id}/eligibility`)).json()).toMatchObject({ eligible: false, level: 'barred', statementGiven: false });
		expect(await (await golv.get(`/api/v1/tenders/${opened.id}/eligibility`)).json()).toMatchObject({ eligible: true, level: 'barred', outcome: 'lifted' });
		const page = await (await golv.request('GET', `/tenders/${open.id}`, undefined, { accept: 'text/html' })).text();
		expect(page).toContain('får inte lämna anbud');

		const robot = new Client(server.url);
		expect((await personaSignIn(robot, 'supplier_b')).status).toBe(303);
		expect(await (await robot.get(`/api/v1/tenders/${open.id}/eligibility`)).json()).toEqual({ eligible: true });
		expect((await (await robot.get(`/api/v1/tenders/${opened.id}`)).json()).receipt).not.toBeNull();

		const maria = new Client(server.url);
		expect((await personaSignIn(maria, 'process_leader')).status).toBe(303);
		const protocol = await (await maria.get(`/api/v1/tenders/${opened.id}/opening-protocol`)).json();
		expect(protocol.tenders.map((t: { hashVerified: boolean }) => t.hashVerified)).toEqual([true, true]);
		const ranking = await (await maria.get(`/api/v1/tenders/${opened.id}/ranking`)).json();
		expect(ranking.ranking).toHaveLength(2);
		expect(ranking.excluded).toEqual([]);
		expect((await maria.get(`/api/v1/tenders/${open.id}/submissions`)).status).toBe(403);
	});

	it('seeds a sprint with two rooms at Decide, each with its "How might we" workshop opened when Map started', async () => {
		server = await startDemoServer({});
		await seedDemoSprint(server.app);
		await seedDemoSprint(server.app);
		const [sprint] = await server.app.db.select().from(sprints).where(eq(sprints.title, 'Sprint: torra entréer'));
		expect(sprint.stage).toBe('decide');
		const rooms = await server.app.db.select().from(sprintRooms).where(eq(sprintRooms.sprintId, sprint.id));
		expect(rooms).toHaveLength(2);
		const links = await server.app.db.select().from(sprintHmwWorkshops).where(inArray(sprintHmwWorkshops.roomId, rooms.map((r) => r.id)));
		expect(links).toHaveLength(2);
		const rows = await server.app.db.select().from(workshops).where(inArray(workshops.id, links.map((l) => l.workshopId)));
		for (const w of rows) expect(w).toMatchObject({ phase: 'collect', anonymous: true, silent: true, votesPerParticipant: 3 });
	});
});
