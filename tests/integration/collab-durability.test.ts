/**
 * "Received means committed": the live-document server is killed (SIGKILL, no shutdown code
 * runs) while a writer is typing, started again on the same database, and everything any
 * client had received is still there. Also: compaction folds the log into a snapshot without
 * touching the authorship ledger, and the periodic re-check ends connections whose session
 * timed out without keeping the session alive itself.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { liveClient, until, type LiveClient } from '../helpers/live.ts';
import { createApp } from '../../src/lib/server/app.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { createCollabServer } from '../../server/collab/index.ts';
import { docLedger, docProjections, docSnapshots, docUpdates, sessions } from '../../src/lib/server/db/schema/index.ts';
import { CLOSE } from '../../src/lib/collab/protocol.ts';
import { makeInitiative, makeOrganisation, makeUser } from '../factories/collab.ts';

const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

afterAll(async () => {
	for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
	for (const c of cleanups.reverse()) await c();
});

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

describe('a killed server loses nothing a client received', () => {
	it('keeps every received edit across SIGKILL and restart', async () => {
		const db: TestDatabase = await freshDatabase();
		cleanups.push(() => db.drop());
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-crash-'));
		cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
		const env: Record<string, string> = db.url ? { DATABASE_URL: db.url } : { DATA_DIR: dir };

		const first = await startProcess({ ...env, SEED: '1' });
		const { cookie, docName } = first.info as { cookie: string; docName: string };
		const base = `http://127.0.0.1:${first.info.port}`;
		const writer = liveClient(base, docName, { cookie });
		const reader = liveClient(base, docName, { cookie });
		await Promise.all([writer.synced, reader.synced]);
		const words = writer.doc.getArray<string>('ord');
		// Type steadily; kill the server in the middle of it.
		let n = 0;
		const typing = setInterval(() => words.push([`ord-${n++}`]), 2);
		await until(() => reader.doc.getArray('ord').length >= 150, 10_000, 'reader receives');
		first.child.kill('SIGKILL');
		clearInterval(typing);
		const received = reader.doc.getArray<string>('ord').toArray();
		writer.destroy();
		reader.destroy();
		await new Promise((r) => first.child.once('exit', r));

		const second = await startProcess(env);
		const again = liveClient(`http://127.0.0.1:${second.info.port}`, docName, { cookie });
		await again.synced;
		const stored = new Set(again.doc.getArray<string>('ord').toArray());
		again.destroy();
		second.child.kill('SIGKILL');
		expect(received.length).toBeGreaterThanOrEqual(150);
		expect(received.filter((w) => !stored.has(w))).toEqual([]);
	});
});

/** An app on a fresh database with a bare collab server (no SvelteKit) tuned for the test. */
async function collabServer(options: Omit<Parameters<typeof createCollabServer>[0], 'app'>) {
	const db = await freshDatabase();
	cleanups.push(() => db.drop());
	const app = await createApp({
		config: loadConfig({ DEMO: 'false', LOG_LEVEL: 'error', ...(db.url ? { DATABASE_URL: db.url } : { DATA_DIR: 'memory://' }) })
	});
	cleanups.push(() => app.close());
	const server = http.createServer();
	const collab = createCollabServer({ app, ...options });
	server.on('upgrade', (req, socket, head) => collab.handleUpgrade(req, socket, head));
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	cleanups.push(async () => {
		await collab.close();
		server.closeAllConnections();
		await new Promise((r) => server.close(r));
	});
	return { app, collab, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the periodic re-check', () => {
	it('closes a connection whose session timed out (4401), without extending the session', async () => {
		const { app, base } = await collabServer({ sweepIntervalMs: 200 });
		const org = await makeOrganisation(app);
		const user = await makeUser(app, { organisationId: org.id });
		const initiative = await makeInitiative(app, user);
		const c = liveClient(base, `brief.${initiative.id}`, { cookie: user.cookie });
		cleanups.push(() => c.destroy());
		await c.synced;
		await new Promise((r) => setTimeout(r, 600));
		expect(c.closes).toEqual([]);
		// The user has been idle for longer than the inactivity limit.
		const idleSince = new Date(Date.now() - (app.config.SESSION_IDLE_MINUTES * 60_000 + 1000));
		await app.db.update(sessions).set({ lastActiveAt: idleSince }).where(eq(sessions.id, user.sessionId));
		await until(() => c.closes.length > 0, 5000, 'close');
		expect(c.closes[0].code).toBe(CLOSE.unauthenticated);
		const [row] = await app.db.select().from(sessions).where(eq(sessions.id, user.sessionId));
		expect(row.lastActiveAt.getTime()).toBe(idleSince.getTime());
	});
});

describe('compaction', () => {
	it('folds the update log into a snapshot and keeps the ledger whole', async () => {
		const { app, collab, base } = await collabServer({ documents: { compactEvery: 10, unloadAfterMs: 100 } });
		const org = await makeOrganisation(app);
		const user = await makeUser(app, { organisationId: org.id });
		const initiative = await makeInitiative(app, user);
		const name = `brief.${initiative.id}`;

		const c: LiveClient = liveClient(base, name, { cookie: user.cookie });
		await c.synced;
		for (let i = 0; i < 35; i++) {
			c.doc.getText('t').insert(0, `${i};`);
			await new Promise((r) => setTimeout(r, 5));
		}
		await until(async () => {
			const [row] = await app.db.select({ n: sql<number>`count(*)::int` }).from(docLedger).where(eq(docLedger.docName, name));
			return row.n === 35;
		}, 5000, 'ledger rows');
		c.destroy();
		await until(() => !collab.documents.has(name), 5000, 'unloaded');
		const tail = await app.db.select().from(docUpdates).where(eq(docUpdates.docName, name));
		const [snapshot] = await app.db.select().from(docSnapshots).where(eq(docSnapshots.docName, name));
		expect(tail).toEqual([]);
		expect(snapshot.throughUpdateId).toBeGreaterThan(0);
		const ledger = await app.db.select().from(docLedger).where(eq(docLedger.docName, name));
		expect(ledger).toHaveLength(35);
		expect(ledger.every((r) => r.userId === user.id)).toBe(true);

		const [projection] = await app.db.select().from(docProjections).where(eq(docProjections.docName, name));
		expect(projection.text.startsWith('34;33;')).toBe(true);

		const reloaded = await app.liveDocs!.read(name, (d) => d.getText('t').toString());
		expect(reloaded.startsWith('34;33;')).toBe(true);
		expect(reloaded.split(';').filter(Boolean)).toHaveLength(35);
	});
});

describe('server-side changes', () => {
	it('applies concurrent changes one after another, under one server client id, attributed in the ledger', async () => {
		const { app, base } = await collabServer({});
		const org = await makeOrganisation(app);
		const user = await makeUser(app, { organisationId: org.id });
		const initiative = await makeInitiative(app, user);
		const name = `brief.${initiative.id}`;
		const c = liveClient(base, name, { cookie: user.cookie });
		cleanups.push(() => c.destroy());
		await c.synced;
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				app.liveDocs!.change(name, i % 2 ? { userId: user.id, organisationId: org.id } : null, (d) => d.getArray('kort').push([`kort ${i}`]))
			)
		);
		await until(() => c.doc.getArray('kort').length === 20, 5000, 'all changes');
		const clients = await app.liveDocs!.read(name, (d) => [...d.store.clients.keys()]);
		expect(clients).toHaveLength(1);
		const ledger = await app.db.select().from(docLedger).where(eq(docLedger.docName, name));
		expect(ledger).toHaveLength(10);
	});
});
