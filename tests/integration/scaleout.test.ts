/**
 * Several processes on one PostgreSQL with Redis (multi-process mode, `REDIS_URL`): live
 * documents converge across processes, a process killed with SIGKILL loses nothing a client
 * received, both processes recover from a Redis restart, access changes close sockets on every
 * process, rate limits count across processes, and queued mail is sent once.
 *
 * Needs PostgreSQL (`BRYGGA_TEST_DB=postgres` with `TEST_DATABASE_URL`) and Redis
 * (`TEST_REDIS_URL`, default redis://127.0.0.1:6379); skipped with a line saying which is missing.
 * Every run uses its own Redis key prefix, so parallel runs do not hear each other; the Redis
 * restart test starts its own redis-server on a free port and never touches the shared one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { freshDatabase, testDbKind, type TestDatabase } from '../helpers/db.ts';
import { liveClient, until, type LiveClient } from '../helpers/live.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import { createApp, type App } from '../../src/lib/server/app.ts';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { createCollabServer } from '../../server/collab/index.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser } from '../factories/collab.ts';
import * as commands from '../../src/lib/server/initiatives/commands.ts';
import { limitersFor, loginRetryAfter, recordLoginFailure, LIMITS } from '../../src/lib/server/auth/ratelimit.ts';
import { CLOSE } from '../../src/lib/collab/protocol.ts';
import { freePort, redisReachable } from '../../scripts/cluster.ts';
import type { UserActor } from '../../src/lib/server/access/policy.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `brygga-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;

const missing = testDbKind() !== 'postgres' ? 'PostgreSQL (BRYGGA_TEST_DB=postgres with TEST_DATABASE_URL)' : !(await redisReachable(REDIS_URL)) ? `Redis at ${REDIS_URL}` : null;
if (missing) console.log(`scaleout.test.ts: skipped, needs ${missing}`);

const cleanups: Array<() => Promise<void> | void> = [];
const children: ChildProcess[] = [];
afterAll(async () => {
	for (const c of cleanups.reverse()) await c();
	for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
}, 60_000);

interface Node {
	app: App;
	base: string;
	stats(): { documents: number; connections: number };
}

/** One Brygga process's app and collab server (in this test process) on `db`, joined to Redis at `redisUrl`. */
async function node(db: TestDatabase, redisUrl = REDIS_URL, env: Record<string, string> = {}): Promise<Node> {
	const app = await createApp({
		config: loadConfig({ DEMO: 'false', LOG_LEVEL: 'error', DATABASE_URL: db.url!, REDIS_URL: redisUrl, REDIS_PREFIX: PREFIX, ...env })
	});
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	const collab = createCollabServer({ app, documents: { unloadAfterMs: 500 } });
	server.on('upgrade', (req, socket, head) => collab.handleUpgrade(req, socket, head));
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	cleanups.push(async () => {
		await collab.close();
		server.closeAllConnections();
		await new Promise((r) => server.close(r));
		await app.close();
	});
	return { app, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stats: collab.stats };
}

async function database(): Promise<TestDatabase> {
	const db = await freshDatabase();
	cleanups.push(() => db.drop());
	return db;
}

async function seed(app: App) {
	const org = await makeOrganisation(app, 'buyer', 'Ystads kommun');
	const leader = await makeUser(app, { organisationId: org.id, name: 'Lea Ledare' });
	const initiative = await makeInitiative(app, leader);
	const actor: UserActor = { kind: 'user', userId: leader.id, name: leader.name, organisationId: org.id, organisationKind: 'buyer', orgAdmin: false, platformAdmin: false };
	return { org, leader, initiative, actor, docName: `brief.${initiative.id}` };
}

const text = (c: LiveClient) => c.doc.getText('t').toString();

describe.skipIf(missing)('several processes on one PostgreSQL with Redis', () => {
	let db: TestDatabase;
	let a: Node;
	let b: Node;
	beforeAll(async () => {
		db = await database();
		a = await node(db);
		b = await node(db);
	});

	it('converges edits and shows presence between clients connected to different processes', async () => {
		const { leader, docName } = await seed(a.app);
		const onA = liveClient(a.base, docName, { cookie: leader.cookie });
		const onB = liveClient(b.base, docName, { cookie: leader.cookie });
		cleanups.push(() => onA.destroy(), () => onB.destroy());
		await Promise.all([onA.synced, onB.synced]);
		onA.doc.getText('t').insert(0, 'Från A. ');
		await until(() => text(onB).includes('Från A.'), 5000, 'B sees A');
		onB.doc.getText('t').insert(0, 'Från B. ');
		await until(() => text(onA).includes('Från B.'), 5000, 'A sees B');
		// Concurrent typing on both sides.
		for (let i = 0; i < 40; i++) {
			onA.doc.getText('t').insert(0, `a${i} `);
			onB.doc.getText('t').insert(text(onB).length, ` b${i}`);
			if (i % 8 === 0) await new Promise((r) => setTimeout(r, 5));
		}
		await until(() => text(onA) === text(onB) && text(onA).includes('a39') && text(onA).includes('b39'), 8000, 'converged');
		onA.provider.awareness.setLocalStateField('user', { name: 'spoofed', color: '#112233' });
		await until(() => [...onB.provider.awareness.getStates().values()].some((s) => (s as { user?: { color?: string } }).user?.color === '#112233'), 5000, 'presence from A on B');
		const fromA = [...onB.provider.awareness.getStates().values()].find((s) => (s as { user?: { color?: string } }).user?.color === '#112233') as { user: { name: string } };
		// Identity stays the server's: the name is the session's, not what the client claimed.
		expect(fromA.user.name).toBe('Lea Ledare');
	});

	it('closes the socket on process B within 5 s when the member is removed through process A', async () => {
		const { org, initiative, actor, docName } = await seed(a.app);
		const member = await makeUser(a.app, { organisationId: org.id, name: 'Mo Medlem' });
		await addMember(a.app, initiative.id, member.id, 'team');
		const onB = liveClient(b.base, docName, { cookie: member.cookie });
		cleanups.push(() => onB.destroy());
		await onB.synced;
		const removedAt = Date.now();
		await commands.removeMember(a.app, actor, initiative.id, member.id);
		await until(() => onB.closes.length > 0, 5000, 'socket on B closed');
		expect(Date.now() - removedAt).toBeLessThan(5000);
		expect(onB.closes[0].code).toBe(CLOSE.forbidden);
	});

	it('holds a sign-in limit reached through process A on process B', async () => {
		const email = `limit-${Date.now()}@example.se`;
		const la = limitersFor(a.app);
		const lb = limitersFor(b.app);
		expect(loginRetryAfter(lb, email, '192.0.2.7')).toBe(0);
		for (let i = 0; i < LIMITS.loginPair.max; i++) recordLoginFailure(la, email, '192.0.2.7');
		expect(loginRetryAfter(la, email, '192.0.2.7')).toBeGreaterThan(0);
		await until(() => loginRetryAfter(lb, email, '192.0.2.7') > 0, 5000, 'limit on B');
		// Another address is not limited (the per-pair window, not a lockout).
		expect(loginRetryAfter(lb, email, '192.0.2.8')).toBe(0);
	});

	it('sends one queued mail once while two processes flush the outbox at the same time', async () => {
		const sink = await startSmtpSink();
		cleanups.push(() => sink.close());
		const mailDb = await database();
		const m1 = await node(mailDb, REDIS_URL, { SMTP_URL: sink.url });
		const m2 = await node(mailDb, REDIS_URL, { SMTP_URL: sink.url });
		await m1.app.db.transaction((tx) => m1.app.mailer.queue(tx, { to: 'kim@example.se', subject: 'Once only', body: 'Sent exactly once.' }));
		const sent = await Promise.all([m1.app.mailer.flush(), m2.app.mailer.flush(), m1.app.mailer.flush(), m2.app.mailer.flush()]);
		expect(sent.reduce((x, y) => x + y, 0)).toBe(1);
		await until(() => sink.mails.length >= 1, 5000, 'mail arrives');
		await new Promise((r) => setTimeout(r, 200));
		expect(sink.mails.filter((m) => m.data.includes('Sent exactly once.')).length).toBe(1);
	});
});

describe.skipIf(testDbKind() !== 'postgres')('a second process on PostgreSQL without Redis', () => {
	it('is detected: the process slot is taken, and a process in multi-process mode does not get it either', async () => {
		const db = await database();
		const first = await openDatabase({ url: db.url });
		const second = await openDatabase({ url: db.url });
		cleanups.push(() => first.close().catch(() => {}), () => second.close().catch(() => {}));
		expect(await first.claimProcessSlot('single')).toBe(true);
		expect(await second.claimProcessSlot('single')).toBe(false);
		expect(await second.claimProcessSlot('multi')).toBe(false);
		await first.close();
		// The lock ends with the process's connection: the next one gets it.
		expect(await second.claimProcessSlot('multi')).toBe(true);
	});
});

/** A Brygga process of its own (`tests/fixtures/collab-process.ts`), to be killed with SIGKILL. */
function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; info: { port: number; cookie?: string; docName?: string } }> {
	const child = spawn(path.resolve('node_modules/.bin/node'), ['tests/fixtures/collab-process.ts'], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.push(child);
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (d) => {
			out += d;
			const line = out.split('\n').find((l) => l.startsWith('{'));
			if (line) resolve({ child, info: JSON.parse(line) });
		});
		child.on('exit', (code) => reject(new Error(`server process exited early (${code})`)));
	});
}

describe.skipIf(missing)('a process killed while ten writers type', () => {
	it('loses no update any client received: the writers reconnect to the other process', async () => {
		const db = await database();
		const env = { DATABASE_URL: db.url!, REDIS_URL, REDIS_PREFIX: PREFIX };
		const first = await startProcess({ ...env, SEED: '1' });
		const second = await startProcess(env);
		const { cookie, docName } = first.info as { cookie: string; docName: string };
		const baseA = `http://127.0.0.1:${first.info.port}`;
		const baseB = `http://127.0.0.1:${second.info.port}`;
		const writers = Array.from({ length: 10 }, () => liveClient(baseA, docName, { cookie }));
		const reader = liveClient(baseB, docName, { cookie });
		cleanups.push(() => reader.destroy());
		await Promise.all([...writers.map((w) => w.synced), reader.synced]);
		let n = 0;
		const typing = setInterval(() => {
			for (const [i, w] of writers.entries()) w.doc.getArray<string>('ord').push([`w${i}-${n}`]);
			n++;
		}, 5);
		await until(() => reader.doc.getArray('ord').length >= 300, 15_000, 'reader on B receives');
		first.child.kill('SIGKILL');
		await new Promise((r) => first.child.once('exit', r));
		clearInterval(typing);
		const received = reader.doc.getArray<string>('ord').toArray();
		// Each writer reconnects to the surviving process with the document it holds (its edits
		// that never reached a server go there now).
		const moved = writers.map((w) => {
			w.provider.destroy();
			return liveClient(baseB, docName, { cookie, doc: w.doc });
		});
		cleanups.push(() => moved.forEach((m) => m.destroy()));
		await Promise.all(moved.map((m) => m.synced));
		const fresh = liveClient(baseB, docName, { cookie, doc: new Y.Doc() });
		cleanups.push(() => fresh.destroy());
		await fresh.synced;
		const expected = moved[0].doc.getArray('ord').length;
		await until(() => fresh.doc.getArray('ord').length >= expected && reader.doc.getArray('ord').length >= expected, 10_000, 'everyone converges on B');
		const stored = new Set(fresh.doc.getArray<string>('ord').toArray());
		expect(received.length).toBeGreaterThanOrEqual(300);
		expect(received.filter((w) => !stored.has(w))).toEqual([]);
		for (const m of moved) expect(m.doc.getArray('ord').toArray()).toEqual(fresh.doc.getArray('ord').toArray());
		second.child.kill('SIGKILL');
	});
});

/** A redis-server of this test's own (no persistence), on `port`. */
async function ownRedis(port: number): Promise<ChildProcess> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-redis-'));
	cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
	children.push(child);
	await until(() => redisReachable(`redis://127.0.0.1:${port}`), 5000, 'own redis-server up');
	return child;
}

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

describe.skipIf(missing || !hasRedisServer)('Redis restarted mid-session', () => {
	it('both processes recover and their clients converge', async () => {
		const port = await freePort();
		let redis = await ownRedis(port);
		const url = `redis://127.0.0.1:${port}`;
		const db = await database();
		const a = await node(db, url);
		const b = await node(db, url);
		const { leader, docName } = await seed(a.app);
		const onA = liveClient(a.base, docName, { cookie: leader.cookie });
		const onB = liveClient(b.base, docName, { cookie: leader.cookie });
		cleanups.push(() => onA.destroy(), () => onB.destroy());
		await Promise.all([onA.synced, onB.synced]);
		onA.doc.getText('t').insert(0, 'före ');
		await until(() => text(onB).includes('före'), 5000, 'B sees A before the restart');

		redis.kill('SIGKILL');
		await new Promise((r) => redis.once('exit', r));
		// Edits on both sides while Redis is away: stored, not yet relayed.
		onA.doc.getText('t').insert(0, 'under-A ');
		onB.doc.getText('t').insert(0, 'under-B ');
		await new Promise((r) => setTimeout(r, 700));
		redis = await ownRedis(port);
		await until(() => text(onA) === text(onB) && text(onA).includes('under-A') && text(onA).includes('under-B'), 15_000, 'converged after the restart');
		onB.doc.getText('t').insert(0, 'efter ');
		await until(() => text(onA).includes('efter'), 5000, 'relay works again');
		expect(text(onA)).toBe(text(onB));
	});
});
