/**
 * `node bench/workshop.ts` (after `BRYGGA_BUILD=<name> npm run build`): one needs workshop with
 * BENCH_WS_CLIENTS participants (150), each a guest who joined by code and holds the board open
 * over a real y-websocket connection — as at a large workshop.
 *
 *  - collect: guests write cards through the API at BENCH_WS_RATE per second in total; for
 *    every card and every participant, the time from sending the card to it appearing in that
 *    participant's board.
 *  - vote: the tally is shown to everyone; guests vote at the same rate; for every vote and
 *    every participant, the time from sending the vote to the participant's board showing it.
 *
 * Reports p50/p99/max update latency per phase and the server process's CPU (user+system time
 * over wall time, 100 % = one core) — the server runs in its own process.
 *
 * Env: BENCH_WS_CLIENTS (150), BENCH_WS_RATE (10/s), BENCH_WS_SECONDS (10), BENCH_DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Y from 'yjs';
import { liveClient, until, type LiveClient } from '../tests/helpers/live.ts';

const CLIENTS = Number(process.env.BENCH_WS_CLIENTS ?? 150);
const RATE = Number(process.env.BENCH_WS_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_WS_SECONDS ?? 10);
process.setMaxListeners(0);

interface Info {
	url: string;
	workshopId: string;
	docName: string;
	code: string;
	leaderCookie: string;
	database: string;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-bench-ws-'));
const child = spawn(path.resolve('node_modules/.bin/node'), [path.resolve('bench/workshop-server.ts')], {
	env: { ...process.env, BENCH_DATA_DIR: dataDir },
	stdio: ['ignore', 'pipe', 'inherit', 'ipc']
});
const info = await new Promise<Info>((resolve, reject) => {
	let buf = '';
	child.stdout!.on('data', (d) => {
		buf += d;
		const line = buf.split('\n').find((l) => l.startsWith('{'));
		if (line) resolve(JSON.parse(line));
	});
	child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
});
const cpu = () =>
	new Promise<{ cpu: NodeJS.CpuUsage; mem: number }>((resolve) => {
		child.once('message', (m) => resolve(m as { cpu: NodeJS.CpuUsage; mem: number }));
		child.send({ cmd: 'cpu' });
	});

async function api(method: string, pathname: string, cookie: string, body?: unknown): Promise<Response> {
	return fetch(info.url + pathname, {
		method,
		headers: { origin: info.url, cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
		body: body !== undefined ? JSON.stringify(body) : undefined
	});
}

// Join: every guest by code, like phones at the workshop.
const cookies: string[] = [];
for (let i = 0; i < CLIENTS; i++) {
	const res = await fetch(info.url + '/api/v1/workshops/join', {
		method: 'POST',
		headers: { origin: info.url, 'content-type': 'application/json' },
		body: JSON.stringify({ code: info.code, displayName: `Gäst ${i + 1}` })
	});
	if (res.status !== 200) throw new Error(`join ${i}: ${res.status}`);
	// The join sets the device cookie first and the guest session second: keep the session.
	const session = res.headers.getSetCookie().find((c) => /^(__Host-)?brygga_guest=/.test(c));
	if (!session) throw new Error(`join ${i}: no guest session cookie`);
	cookies.push(session.split(';')[0]);
}
const clients: LiveClient[] = cookies.map((cookie) => liveClient(info.url, info.docName, { cookie }));
await Promise.all(clients.map((c) => c.synced));

function percentile(sorted: number[], p: number): number {
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Sends `total` actions at RATE/s; `seen(client, key)` registers when a client observed the action keyed `key`. */
async function phase(name: string, act: (i: number) => Promise<string>, observe: (doc: Y.Doc, onKey: (key: string) => void) => void) {
	const sentAt = new Map<string, number>();
	const samples: number[] = [];
	const requests: number[] = [];
	const pending: Array<{ key: string; at: number }> = [];
	for (const c of clients) {
		observe(c.doc, (key) => {
			const t = sentAt.get(key);
			if (t !== undefined) samples.push(performance.now() - t);
			else pending.push({ key, at: performance.now() });
		});
	}
	const total = RATE * SECONDS;
	const before = await cpu();
	const wallStart = performance.now();
	const inflight: Promise<void>[] = [];
	for (let i = 0; i < total; i++) {
		const due = wallStart + (i * 1000) / RATE;
		const wait = due - performance.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		const start = performance.now();
		inflight.push(
			act(i).then((key) => {
				requests.push(performance.now() - start);
				sentAt.set(key, start);
				// Observations that arrived before the API answered.
				for (let j = pending.length - 1; j >= 0; j--) {
					if (pending[j].key === key) {
						samples.push(pending[j].at - start);
						pending.splice(j, 1);
					}
				}
			})
		);
	}
	await Promise.all(inflight);
	await until(() => samples.length >= total * CLIENTS, 30_000, `${name}: all clients observed all updates`).catch(() => undefined);
	const wall = (performance.now() - wallStart) / 1000;
	const after = await cpu();
	const cpuSeconds = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1e6;
	const sorted = samples.sort((a, b) => a - b);
	const req = requests.sort((a, b) => a - b);
	return {
		phase: name,
		actions: total,
		observations: samples.length,
		expected: total * CLIENTS,
		p50ms: Math.round(percentile(sorted, 50)),
		p99ms: Math.round(percentile(sorted, 99)),
		maxms: Math.round(sorted.at(-1) ?? NaN),
		requestP50ms: Math.round(percentile(req, 50)),
		requestP99ms: Math.round(percentile(req, 99)),
		serverCpuPercent: Math.round((cpuSeconds / wall) * 100),
		serverRssMb: Math.round(after.mem / 1e6)
	};
}

const cardKey = new Map<string, string>();
const collect = await phase(
	'collect',
	async (i) => {
		const res = await api('POST', `/api/v1/workshops/${info.workshopId}/cards`, cookies[i % CLIENTS], { text: `Utmaning ${i}` });
		if (res.status !== 201) throw new Error(`card ${i}: ${res.status}`);
		const { id } = (await res.json()) as { id: string };
		cardKey.set(id, id);
		return id;
	},
	(doc, onKey) => {
		doc.getMap('cards').observe((e) => {
			for (const [key, change] of e.changes.keys) if (change.action === 'add') onKey(key);
		});
	}
);

// Vote: tally shown to everyone, so each vote changes every participant's board.
const cardIds = [...cardKey.keys()];
await api('POST', `/api/v1/workshops/${info.workshopId}/phase`, info.leaderCookie, { phase: 'vote' });
await api('POST', `/api/v1/workshops/${info.workshopId}/tally`, info.leaderCookie, { visible: true });
await new Promise((r) => setTimeout(r, 500));
const votes = await phase(
	'vote',
	async (i) => {
		const target = cardIds[i % cardIds.length];
		const res = await api('POST', `/api/v1/workshops/${info.workshopId}/votes`, cookies[i % CLIENTS], { targetId: target });
		if (res.status !== 201) throw new Error(`vote ${i}: ${res.status}`);
		return `${target}:${Math.floor(i / cardIds.length) + 1}`;
	},
	(doc, onKey) => {
		const tally = doc.getMap<number>('tally');
		tally.observe((e) => {
			for (const key of e.keysChanged) onKey(`${key}:${tally.get(key)}`);
		});
	}
);

console.log(JSON.stringify({ clients: CLIENTS, ratePerSecond: RATE, seconds: SECONDS, database: info.database, results: [collect, votes] }, null, 2));
for (const c of clients) c.destroy();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
