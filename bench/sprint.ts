/**
 * `npm run bench:sprint` (after `BRYGGA_BUILD=<name> npm run build`): BENCH_SPRINT_ROOMS supplier
 * rooms (6) × BENCH_SPRINT_PARTICIPANTS participants (10), all live at once: every participant
 * holds its room's overview document (`sprint_room.<roomId>`) and the Map board
 * (`sprint_map.<roomId>`) open over real y-websocket connections.
 *
 *  - stage: the leader starts a stage in every room at once, BENCH_SPRINT_ROUNDS times (the five
 *    stages over and over); for every round and every client, the time from the start until that
 *    client's overview shows the new stage. Reported per client and per round ("every client": the
 *    slowest client of a round).
 *  - fan-out: participants add journey-map steps on their room's Map board at
 *    BENCH_SPRINT_RATE per second in total (rooms in turn); for every step and every other
 *    participant of that room, the time until it appears on their board. (The "How might we"
 *    notes run on the workshop engine; its fan-out is `bench/workshop.ts`, run below.)
 *
 * Then runs the workshop benchmark (`bench/workshop.ts`) in the same run and prints both, so the
 * sprint figures stand next to the workshop's on the same machine and load. Exits non-zero, with
 * one clear line, when any client missed an observation.
 *
 * Env: BENCH_SPRINT_ROOMS (6), BENCH_SPRINT_PARTICIPANTS (10), BENCH_SPRINT_ROUNDS (15),
 * BENCH_SPRINT_RATE (20/s), BENCH_SPRINT_SECONDS (10), BENCH_SKIP_WORKSHOP (unset), BENCH_DATABASE_URL;
 * the workshop run takes its own BENCH_WS_* variables.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { liveClient, until, type LiveClient } from '../tests/helpers/live.ts';

const ROUNDS = Number(process.env.BENCH_SPRINT_ROUNDS ?? 15);
const RATE = Number(process.env.BENCH_SPRINT_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SPRINT_SECONDS ?? 10);
const STAGES = ['map', 'sketch', 'decide', 'prototype', 'test'] as const;
process.setMaxListeners(0);

interface Info {
	url: string;
	sprintId: string;
	rooms: Array<{ id: string; cookies: string[] }>;
	leaderCookie: string;
	database: string;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-bench-sprint-'));
const child = spawn(path.resolve('node_modules/.bin/node'), [path.resolve('bench/sprint-server.ts')], {
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
function ask<T>(msg: object, match: (m: unknown) => boolean): Promise<T> {
	return new Promise((resolve) => {
		const on = (m: unknown) => {
			if (!match(m)) return;
			child.off('message', on);
			resolve(m as T);
		};
		child.on('message', on);
		child.send(msg);
	});
}
const cpu = () => ask<{ cpu: NodeJS.CpuUsage; mem: number }>({ cmd: 'cpu' }, (m) => !!m && typeof m === 'object' && 'cpu' in m);

/** Starts a stage like the leader's console: the API when the build has it, else the same steps over IPC. */
let viaApi: boolean | null = null;
async function startStage(stage: string): Promise<void> {
	if (viaApi !== false) {
		const res = await fetch(`${info.url}/api/v1/sprints/${info.sprintId}/stage`, {
			method: 'POST',
			headers: { origin: info.url, cookie: info.leaderCookie, 'content-type': 'application/json' },
			body: JSON.stringify({ stage })
		});
		if (res.ok) {
			viaApi = true;
			return;
		}
		if (viaApi === true || res.status !== 404) throw new Error(`start ${stage}: ${res.status} ${await res.text()}`);
		viaApi = false;
	}
	await ask({ cmd: 'stage', stage }, (m) => !!m && typeof m === 'object' && (m as { started?: string }).started === stage);
}

interface Participant {
	room: number;
	overview: LiveClient;
	map: LiveClient;
}
const participants: Participant[] = [];
for (const [room, r] of info.rooms.entries()) {
	for (const cookie of r.cookies) {
		participants.push({ room, overview: liveClient(info.url, `sprint_room.${r.id}`, { cookie }), map: liveClient(info.url, `sprint_map.${r.id}`, { cookie }) });
	}
}
await Promise.all(participants.flatMap((p) => [p.overview.synced, p.map.synced]));
const progress = (line: string) => process.stderr.write(`bench:sprint ${line}\n`);
progress(`${participants.length} participants connected`);

function percentile(sorted: number[], p: number): number {
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}
const ms = (v: number) => Math.round(v * 10) / 10;

// ——— stage: the leader starts a stage in every room at once ———
const stageSamples: number[] = [];
const roundMax: number[] = [];
let stageMissing = 0;
const beforeStage = await cpu();
const stageWall = performance.now();
for (let round = 0; round < ROUNDS; round++) {
	// Never the same stage twice in a row: round r starts STAGES[r % 5].
	const stage = STAGES[round % STAGES.length];
	const seen = new Map<Participant, number>();
	const observers = participants.map((p) => {
		const meta = p.overview.doc.getMap('meta');
		const check = () => {
			if (!seen.has(p) && meta.get('stage') === stage) seen.set(p, performance.now());
		};
		meta.observe(check);
		return () => meta.unobserve(check);
	});
	const start = performance.now();
	await startStage(stage);
	await until(() => seen.size === participants.length, 15_000, `round ${round}`).catch(() => undefined);
	for (const off of observers) off();
	stageMissing += participants.length - seen.size;
	const times = [...seen.values()].map((t) => t - start);
	stageSamples.push(...times);
	roundMax.push(Math.max(...times));
	progress(`stage round ${round + 1}/${ROUNDS}: ${seen.size}/${participants.length} clients, slowest ${Math.round(Math.max(...times))} ms`);
	await new Promise((r) => setTimeout(r, 150));
}
const stageCpu = await cpu();
const stageSeconds = (performance.now() - stageWall) / 1000;

// ——— fan-out inside the rooms: journey-map steps on the Map board ———
const sentAt = new Map<string, { at: number; room: number; by: Participant }>();
const fanout: number[] = [];
const early: Array<{ key: string; at: number; p: Participant }> = [];
for (const p of participants) {
	p.map.doc.getMap('steps').observe((e) => {
		for (const [key, change] of e.changes.keys) {
			if (change.action !== 'add') continue;
			const sent = sentAt.get(key);
			if (sent) {
				if (sent.by !== p) fanout.push(performance.now() - sent.at);
			} else early.push({ key, at: performance.now(), p });
		}
	});
}
const total = RATE * SECONDS;
const beforeFan = await cpu();
const fanWall = performance.now();
for (let i = 0; i < total; i++) {
	const due = fanWall + (i * 1000) / RATE;
	const wait = due - performance.now();
	if (wait > 0) await new Promise((r) => setTimeout(r, wait));
	const room = i % info.rooms.length;
	const inRoom = participants.filter((p) => p.room === room);
	const by = inRoom[Math.floor(i / info.rooms.length) % inRoom.length];
	const key = crypto.randomUUID();
	sentAt.set(key, { at: performance.now(), room, by });
	by.map.doc.transact(() => {
		const step = new Y.Map<unknown>();
		step.set('actorId', 'bench');
		step.set('text', `Steg ${i}`);
		step.set('order', i);
		by.map.doc.getMap('steps').set(key, step);
	});
}
const perRoom = participants.length / info.rooms.length - 1;
await until(() => fanout.length >= total * perRoom, 30_000, 'fan-out').catch(() => undefined);
const fanCpu = await cpu();
const fanSeconds = (performance.now() - fanWall) / 1000;
const fanMissing = total * perRoom - fanout.length;
progress(`fan-out: ${fanout.length}/${total * perRoom} observations`);

const cpuPercent = (a: { cpu: NodeJS.CpuUsage }, b: { cpu: NodeJS.CpuUsage }, seconds: number) =>
	Math.round(((b.cpu.user - a.cpu.user + b.cpu.system - a.cpu.system) / 1e6 / seconds) * 100);
const sortedStage = [...stageSamples].sort((a, b) => a - b);
const sortedRounds = [...roundMax].sort((a, b) => a - b);
const sortedFan = [...fanout].sort((a, b) => a - b);
const sprint = {
	rooms: info.rooms.length,
	participantsPerRoom: participants.length / info.rooms.length,
	database: info.database,
	stageStartedVia: viaApi ? 'POST /api/v1/sprints/:id/stage' : 'the console’s steps over IPC (no stage route in this build)',
	stage: {
		rounds: ROUNDS,
		observations: stageSamples.length,
		expected: ROUNDS * participants.length,
		perClientP50ms: ms(percentile(sortedStage, 50)),
		perClientP99ms: ms(percentile(sortedStage, 99)),
		everyClientP50ms: ms(percentile(sortedRounds, 50)),
		everyClientP99ms: ms(percentile(sortedRounds, 99)),
		maxms: ms(sortedStage.at(-1) ?? NaN),
		serverCpuPercent: cpuPercent(beforeStage, stageCpu, stageSeconds)
	},
	fanout: {
		notes: total,
		ratePerSecond: RATE,
		observations: fanout.length,
		expected: total * perRoom,
		p50ms: ms(percentile(sortedFan, 50)),
		p99ms: ms(percentile(sortedFan, 99)),
		maxms: ms(sortedFan.at(-1) ?? NaN),
		serverCpuPercent: cpuPercent(beforeFan, fanCpu, fanSeconds),
		serverRssMb: Math.round(fanCpu.mem / 1e6)
	}
};
for (const p of participants) {
	p.overview.destroy();
	p.map.destroy();
}
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
fs.rmSync(dataDir, { recursive: true, force: true });

// ——— the workshop benchmark, same machine, same run ———
let workshop: unknown = 'skipped (BENCH_SKIP_WORKSHOP)';
if (!process.env.BENCH_SKIP_WORKSHOP) {
	progress('running the workshop benchmark (bench/workshop.ts) in the same run');
	workshop = await new Promise((resolve, reject) => {
		const ws = spawn(path.resolve('node_modules/.bin/node'), [path.resolve('bench/workshop.ts')], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
		const limit = Number(process.env.BENCH_WORKSHOP_TIMEOUT_SECONDS ?? 600);
		const timer = setTimeout(() => {
			ws.kill('SIGTERM');
			reject(new Error(`INCOMPLETE: the workshop benchmark did not finish within ${limit} s`));
		}, limit * 1000);
		ws.once('exit', () => clearTimeout(timer));
		let out = '';
		ws.stdout.on('data', (d) => (out += d));
		ws.once('exit', (code) => {
			const start = out.indexOf('{');
			if (code !== 0 || start < 0) reject(new Error(`workshop benchmark failed (${code})`));
			else resolve(JSON.parse(out.slice(start)));
		});
	});
}

const w = workshop as { results?: Array<{ phase: string; p50ms: number; p99ms: number }> };
console.log(JSON.stringify({ sprint, workshop }, null, 2));
console.log('');
console.log(`sprint, ${sprint.rooms} rooms × ${sprint.participantsPerRoom}: stage shown in every client p99 ${sprint.stage.everyClientP99ms} ms (per client p99 ${sprint.stage.perClientP99ms} ms); fan-out in rooms p50 ${sprint.fanout.p50ms} ms / p99 ${sprint.fanout.p99ms} ms`);
for (const r of (w.results ?? []) as Array<{ phase: string; p50ms: number; p99ms: number; observations?: number; expected?: number }>) {
	const partial = r.observations !== undefined && r.expected !== undefined && r.observations < r.expected ? ` (workshop benchmark saw ${r.observations}/${r.expected} observations)` : '';
	console.log(`workshop ${r.phase}: p50 ${r.p50ms} ms / p99 ${r.p99ms} ms${partial}`);
}

if (stageMissing > 0 || fanMissing > 0) {
	console.error(`INCOMPLETE: ${stageMissing} stage observations and ${fanMissing} fan-out observations never arrived — the figures above are not valid.`);
	process.exit(1);
}
process.exit(0);
