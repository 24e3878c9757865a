/**
 * The production entry as a real child process: starts on the embedded database with the demo,
 * serves a live document, and on SIGTERM closes the sockets (1001), stores what it holds,
 * closes the database and exits 0. A restart on the same data folder finds everything.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { Client } from '../helpers/http.ts';
import { liveClient } from '../helpers/live.ts';
import { startBryggaProcess, type BryggaProcess } from '../../scripts/cluster.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-shutdown-'));
const children: BryggaProcess[] = [];

afterAll(async () => {
	for (const c of children) await c.stop('SIGKILL');
	fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `node server/index.ts` on a free port and resolves once it listens. */
async function start(): Promise<BryggaProcess> {
	const proc = await startBryggaProcess({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: 'true', DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'info' });
	children.push(proc);
	return proc;
}

async function signInAsProcessLeader(url: string): Promise<Client> {
	const client = new Client(url);
	const res = await client.request('POST', '/login?/demo', 'persona=process_leader', {
		'content-type': 'application/x-www-form-urlencoded'
	});
	expect(res.status).toBeLessThan(400);
	return client;
}

describe('the production entry', () => {
	it('shuts down cleanly on SIGTERM with a live document open, and keeps every edit across a restart', async () => {
		const first = await start();
		const leader = await signInAsProcessLeader(first.url);
		const list = await (await leader.get('/api/v1/initiatives')).json();
		const initiative = (Array.isArray(list) ? list : list.initiatives)[0];
		expect(initiative?.id).toBeTruthy();
		const docName = `brief.${initiative.id}`;

		const live = liveClient(first.url, docName, { cookie: leader.cookieHeader() });
		await live.synced;
		live.doc.getText('shutdown-check').insert(0, 'Skrivet före omstart');
		// The write is stored before it is acknowledged to anyone; give it a moment to reach the server.
		await new Promise((r) => setTimeout(r, 500));

		expect(await first.stop('SIGTERM', 15_000)).toBe(0);
		expect(live.closes.some((c) => c.code === 1001)).toBe(true);
		live.destroy();

		const second = await start();
		const health = await fetch(`${second.url}/healthz`);
		expect(health.status).toBe(200);
		const again = await signInAsProcessLeader(second.url);
		const reader = liveClient(second.url, docName, { cookie: again.cookieHeader(), doc: new Y.Doc() });
		await reader.synced;
		expect(reader.doc.getText('shutdown-check').toString()).toBe('Skrivet före omstart');
		reader.destroy();
		expect(await second.stop('SIGTERM')).toBe(0);
	});
});
