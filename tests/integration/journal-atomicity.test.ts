/**
 * A change and its journal entry commit together (rule 6), and text that cannot be stored is
 * refused at validation (400 `invalid_text`) before anything is written. Regressions for the two
 * reproductions of issue 11: a lone surrogate in a workshop title (with `anonymous` changed in
 * the same request) and in a person's name used to answer 500 after the change had committed,
 * with no journal entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { auditLog, users, workshops } from '../../src/lib/server/db/schema/index.ts';
import { journalled } from '../../src/lib/server/audit/command.ts';
import * as audit from '../../src/lib/server/audit/index.ts';

let server: TestServer;
let leader: TestUser;
let initiativeId: string;

function as(user: TestUser): Client {
	const c = new Client(server.url);
	const [name, value] = user.cookie.split('=');
	c.setCookie(name, value);
	return c;
}

async function journalRows(): Promise<number> {
	const [r] = await server.app.db.select({ n: count() }).from(auditLog);
	return Number(r.n);
}

beforeAll(async () => {
	server = await startTestServer();
	const kommun = await makeOrganisation(server.app, 'buyer', 'Ystads kommun');
	leader = await makeUser(server.app, { organisationId: kommun.id, name: 'Lena Processledare' });
	initiativeId = (await makeInitiative(server.app, leader, 'Trygg hemgång')).id;
});

afterAll(async () => {
	await server?.stop();
});

describe('text that cannot be stored is refused before anything changes', () => {
	it('PATCH /workshops/:id with a lone surrogate in the title answers 400 and leaves the workshop and the journal as they were', async () => {
		const created = await as(leader).post(`/api/v1/initiatives/${initiativeId}/workshops`, { title: 'W', question: 'Vad?' });
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: string };
		const before = await journalRows();
		const res = await as(leader).request('PATCH', `/api/v1/workshops/${id}`, '{"anonymous":false,"title":"W \\ud83d"}');
		expect(res.status).toBe(400);
		const body = (await res.json()) as { error: { code: string; message: string } };
		expect(body.error.code).toBe('invalid_text');
		expect(body.error.message).toMatch(/^title: .*trasigt tecken/);
		const [row] = await server.app.db.select().from(workshops).where(eq(workshops.id, id));
		expect(row.title).toBe('W');
		expect(row.anonymous).toBe(true);
		expect(await journalRows()).toBe(before);
	});

	it('PATCH /me with a lone surrogate in the name answers 400 and leaves the name and the journal as they were', async () => {
		const before = await journalRows();
		const res = await as(leader).request('PATCH', '/api/v1/me', '{"name":"Lena \\udc00"}');
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_text');
		const [row] = await server.app.db.select({ name: users.name }).from(users).where(eq(users.id, leader.id));
		expect(row.name).toBe('Lena Processledare');
		expect(await journalRows()).toBe(before);
	});

	it('a NUL or escape character in a JSON body is refused with 400 invalid_text, not a database error', async () => {
		for (const name of ['Lena\u0000', 'Lena\u001b[2J']) {
			const res = await as(leader).patch('/api/v1/me', { name });
			expect(res.status).toBe(400);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_text');
		}
	});

	it('a NUL in a form post is refused with 400 before the action runs', async () => {
		const res = await fetch(`${server.url}/initiatives?/create`, {
			method: 'POST',
			headers: { origin: server.url, cookie: leader.cookie, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'title=Ny%00titel&description=',
			redirect: 'manual'
		});
		expect(res.status).toBe(400);
	});

	it('emoji, right-to-left marks and combining accents are ordinary text: the change is made and journalled', async () => {
		const before = await journalRows();
		const name = 'Lena 👩‍💼 \u200Fשלום\u200E Cafe\u0301';
		const res = await as(leader).patch('/api/v1/me', { name });
		expect(res.status).toBe(200);
		const [row] = await server.app.db.select({ name: users.name }).from(users).where(eq(users.id, leader.id));
		expect(row.name).toBe(name);
		expect(await journalRows()).toBe(before + 1);
		await as(leader).patch('/api/v1/me', { name: 'Lena Processledare' });
	});
});

describe('journalled: a change and its journal entries commit together', () => {
	it('when the command fails after writing, neither the change nor its journal entry remains', async () => {
		const before = await journalRows();
		await expect(
			journalled(server.app.db, async (tx, journal) => {
				await tx.update(users).set({ name: 'Ändrad' }).where(eq(users.id, leader.id));
				await journal({ initiativeId: null, actor: audit.SYSTEM, action: 'user.renamed', data: { userId: leader.id } });
				throw new Error('crash after the journal entry');
			})
		).rejects.toThrow('crash');
		const [row] = await server.app.db.select({ name: users.name }).from(users).where(eq(users.id, leader.id));
		expect(row.name).toBe('Lena Processledare');
		expect(await journalRows()).toBe(before);
	});

	it('when the journal entry cannot be written, the change is rolled back', async () => {
		await expect(
			journalled(server.app.db, async (tx, journal) => {
				await tx.update(users).set({ name: 'Ändrad' }).where(eq(users.id, leader.id));
				// A journal row without an action violates the table's NOT NULL: the write fails.
				await journal({ initiativeId: null, actor: audit.SYSTEM, action: null as unknown as string });
			})
		).rejects.toThrow();
		const [row] = await server.app.db.select({ name: users.name }).from(users).where(eq(users.id, leader.id));
		expect(row.name).toBe('Lena Processledare');
	});

	it('journal data with a lone surrogate or NUL is stored as U+FFFD and the chain still verifies', async () => {
		await journalled(server.app.db, async (_tx, journal) => {
			await journal({ initiativeId, actor: { userId: null, label: 'sys\u0000tem' }, action: 'test.odd_text', data: { v: 'a\ud83d\u0000b' } });
		});
		const entries = await audit.list(server.app.db, initiativeId);
		const last = entries.at(-1)!;
		expect(last.data.v).toBe('a\uFFFD\uFFFDb');
		expect(last.actor.label).toBe('sys\uFFFDtem');
		expect(await audit.verify(server.app.db, initiativeId)).toMatchObject({ ok: true });
	});
});
