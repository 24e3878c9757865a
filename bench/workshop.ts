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
 * Every expected observation must be made (each card and each vote on each board): when one is
 * missing, or a board was closed for good, the run prints `INCOMPLETE: …` and exits 1 instead of
 * passing off percentiles over part of the data.
 *
 * With BENCH_WS_PROCESSES=2 (and BENCH_DATABASE_URL + REDIS_URL) the guests are split over two
 * server processes in multi-process mode: boards and API calls alternate between them.
 *
 * The boards live in BENCH_WS_THREADS worker threads (`workshop-boards.ts`), not in the driving
 * thread: applying each card on 150 boards in one event loop held up the driver itself, which was
 * measured as server latency. Each phase also reports the driver's CPU and event-loop delay and
 * the machine's load average, so a reader can tell waiting in the driver from waiting in the server.
 *
 * Env: BENCH_WS_CLIENTS (150), BENCH_WS_RATE (10/s), BENCH_WS_SECONDS (10), BENCH_WS_PROCESSES (1),
 * BENCH_WS_THREADS (2), BENCH_DATABASE_URL, BENCH_DEBUG (print the requests sent and the server's warnings).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { until } from '../tests/helpers/live.ts';

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

const PROCESSES = Number(process.env.BENCH_WS_PROCESSES ?? 1);
if (PROCESSES > 1 && !(process.env.BENCH_DATABASE_URL && process.env.REDIS_URL)) {
	console.error('BENCH_WS_PROCESSES > 1 needs BENCH_DATABASE_URL (PostgreSQL) and REDIS_URL (multi-process mode).');
	process.exit(2);
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-bench-ws-'));

/** One server process; the first seeds the workshop, the others serve the same database. */
async function startServerProcess(seed: boolean): Promise<{ child: ChildProcess; info: Info }> {
	const child = spawn(path.resolve('node_modules/.bin/node'), [path.resolve('bench/workshop-server.ts')], {
		env: { ...process.env, BENCH_DATA_DIR: dataDir, ...(seed ? {} : { BENCH_NO_SEED: '1' }) },
		stdio: ['ignore', 'pipe', 'inherit', 'ipc']
	});
	const info = await new Promise<Info>((resolve, reject) => {
		let buf = '';
		child.stdout!.on('data', (d) => {
			buf += d;
			const line = buf.split('\n').find((l) => l.startsWith('{'));
			if (line) resolve(JSON.parse(line));
			if (process.env.BENCH_DEBUG) for (const l of String(d).split('\n')) if (l.includes('"level"')) console.error('server:', l.slice(0, 300));
		});
		child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
	});
	return { child, info };
}
const servers = [await startServerProcess(true)];
for (let i = 1; i < PROCESSES; i++) servers.push(await startServerProcess(false));
const info = servers[0].info;
/** The server a guest uses: guests are split evenly over the processes. */
const urlOf = (i: number) => servers[i % servers.length].info.url;
const cpuOf = (child: ChildProcess) =>
	new Promise<{ cpu: NodeJS.CpuUsage; mem: number }>((resolve) => {
		child.once('message', (m) => resolve(m as { cpu: NodeJS.CpuUsage; mem: number }));
		child.send({ cmd: 'cpu' });
	});
/** CPU time and memory of all server processes together. */
const cpu = async () => {
	const all = await Promise.all(servers.map((s) => cpuOf(s.child)));
	return {
		cpu: { user: all.reduce((a, x) => a + x.cpu.user, 0), system: all.reduce((a, x) => a + x.cpu.system, 0) },
		mem: all.reduce((a, x) => a + x.mem, 0)
	};
};

async function api(method: string, pathname: string, cookie: string, body?: unknown, base: string = info.url): Promise<Response> {
	return fetch(base + pathname, {
		method,
		headers: { origin: base, cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
		body: body !== undefined ? JSON.stringify(body) : undefined
	});
}

// Join: every guest by code, like phones at the workshop.
const cookies: string[] = [];
for (let i = 0; i < CLIENTS; i++) {
	const res = await fetch(urlOf(i) + '/api/v1/workshops/join', {
		method: 'POST',
		headers: { origin: urlOf(i), 'content-type': 'application/json' },
		body: JSON.stringify({ code: info.code, displayName: `Gäst ${i + 1}` })
	});
	if (res.status !== 200) throw new Error(`join ${i}: ${res.status}`);
	// Every cookie the join sets (the device cookie comes before the guest cookie).
	cookies.push(res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '));
}
console.error(`joined ${cookies.length}`);

// The boards, split over worker threads (`workshop-boards.ts`) so that applying every card on 150
// boards does not hold up the driver's own event loop (which would be measured as latency).
const THREADS = Math.max(1, Math.min(CLIENTS, Number(process.env.BENCH_WS_THREADS ?? 2)));
type FromBoards = { cmd: 'synced' | 'observing' | 'stopped' } | { cmd: 'seen'; keys: string[]; ats: number[] } | { cmd: 'closed'; count: number };
const boardThreads = Array.from({ length: THREADS }, (_, t) => {
	const boards = cookies.flatMap((cookie, i) => (i % THREADS === t ? [{ url: urlOf(i), cookie }] : []));
	return new Worker(new URL('./workshop-boards.ts', import.meta.url), { workerData: { boards, docName: info.docName } });
});
/** Where observations go while a phase runs. */
let onSeen: (key: string, at: number) => void = () => {};
for (const w of boardThreads) {
	w.on('message', (m: FromBoards) => {
		if (m.cmd === 'seen') for (let i = 0; i < m.keys.length; i++) onSeen(m.keys[i], m.ats[i]);
	});
	w.on('error', (err) => {
		console.error('board thread failed:', err);
		process.exit(2);
	});
}
/** Sends a command to every board thread and waits for each one's answer `reply`. */
const askBoards = <T extends FromBoards>(msg: object, reply: FromBoards['cmd']) =>
	Promise.all(
		boardThreads.map(
			(w) =>
				new Promise<T>((resolve) => {
					const on = (m: FromBoards) => {
						if (m.cmd !== reply) return;
						w.off('message', on);
						resolve(m as T);
					};
					w.on('message', on);
					if (Object.keys(msg).length) w.postMessage(msg);
				})
		)
	);
await askBoards({}, 'synced');
console.error('synced');
/** Milliseconds on a clock every thread shares. */
const now = () => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Sends `total` actions at RATE/s; every board reports when it observed the action keyed `key`. */
async function phase(name: 'collect' | 'vote', act: (i: number) => Promise<string>) {
	const sentAt = new Map<string, number>();
	const samples: number[] = [];
	const requests: number[] = [];
	/** Observations made before the API answered, by key (their send time is not known yet). */
	const pending = new Map<string, number[]>();
	onSeen = (key, at) => {
		const t = sentAt.get(key);
		if (t !== undefined) samples.push(at - t);
		else {
			const early = pending.get(key);
			if (early) early.push(at);
			else pending.set(key, [at]);
		}
	};
	await askBoards({ cmd: 'observe', phase: name }, 'observing');
	const total = RATE * SECONDS;
	// The driver's own event-loop delay: when it is high, the clients (not the server) are what waits.
	const lag = monitorEventLoopDelay({ resolution: 10 });
	lag.enable();
	const before = await cpu();
	const driverBefore = process.cpuUsage();
	const wallStart = performance.now();
	const inflight: Promise<void>[] = [];
	for (let i = 0; i < total; i++) {
		const due = wallStart + (i * 1000) / RATE;
		const wait = due - performance.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		const start = now();
		inflight.push(
			act(i).then((key) => {
				requests.push(now() - start);
				if (process.env.BENCH_DEBUG) console.error('sent', key);
				sentAt.set(key, start);
				// Observations that arrived before the API answered.
				for (const at of pending.get(key) ?? []) samples.push(at - start);
				pending.delete(key);
			})
		);
	}
	await Promise.all(inflight);
	await until(() => samples.length >= total * CLIENTS, 30_000, `${name}: all clients observed all updates`).catch(() => undefined);
	const wall = (performance.now() - wallStart) / 1000;
	const after = await cpu();
	lag.disable();
	const driver = process.cpuUsage(driverBefore);
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
		serverRssMb: Math.round(after.mem / 1e6),
		driverCpuPercent: Math.round(((driver.user + driver.system) / 1e6 / wall) * 100),
		driverLoopDelayP99ms: Math.round(lag.percentile(99) / 1e6),
		loadAverage: os.loadavg()[0]
	};
}

const cardKey = new Map<string, string>();
const collect = await phase(
	'collect',
	async (i) => {
		const res = await api('POST', `/api/v1/workshops/${info.workshopId}/cards`, cookies[i % CLIENTS], { text: `Utmaning ${i}` }, urlOf(i % CLIENTS));
		if (res.status !== 201) throw new Error(`card ${i}: ${res.status}`);
		const { id } = (await res.json()) as { id: string };
		cardKey.set(id, id);
		return id;
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
		const res = await api('POST', `/api/v1/workshops/${info.workshopId}/votes`, cookies[i % CLIENTS], { targetId: target }, urlOf(i % CLIENTS));
		if (res.status !== 201) throw new Error(`vote ${i}: ${res.status}`);
		return `${target}:${Math.floor(i / cardIds.length) + 1}`;
	}
);

console.log(JSON.stringify({ clients: CLIENTS, processes: PROCESSES, boardThreads: THREADS, ratePerSecond: RATE, seconds: SECONDS, database: info.database, results: [collect, votes] }, null, 2));
const closed = (await askBoards<{ cmd: 'closed'; count: number }>({ cmd: 'closed' }, 'closed')).reduce((a, r) => a + r.count, 0);
await askBoards({ cmd: 'stop' }, 'stopped');
await Promise.all(boardThreads.map((w) => w.terminate()));
for (const { child } of servers) {
	child.kill('SIGTERM');
	await new Promise((r) => child.once('exit', r));
}
fs.rmSync(dataDir, { recursive: true, force: true });
// Percentiles over incomplete data are not figures: say so and fail.
const incomplete = [collect, votes].filter((r) => r.observations !== r.expected);
if (incomplete.length || closed) {
	for (const r of incomplete) console.error(`INCOMPLETE: ${r.phase} made ${r.observations} of ${r.expected} expected observations; its percentiles are not valid.`);
	if (closed) console.error(`INCOMPLETE: the server closed ${closed} boards for good (4400–4499) during the run.`);
	process.exit(1);
}
process.exit(0);
