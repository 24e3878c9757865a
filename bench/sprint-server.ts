/**
 * The whole Brygga server for the sprint benchmark, in a process of its own (CPU measured apart
 * from the clients). Seeds a process leader, an initiative, a sprint and BENCH_SPRINT_ROOMS supplier
 * rooms with BENCH_SPRINT_PARTICIPANTS supplier users each (terms accepted), prints one JSON line
 * with what the clients need, and answers over IPC: `{cmd:'cpu'}` with `process.cpuUsage()`, and
 * `{cmd:'stage', stage}` by starting that stage in every room the way the leader's console does
 * (the sprint row, then every room's overview document, then the stage-started hooks) — used when
 * the build has no `POST /api/v1/sprints/:id/stage` yet.
 *
 * Env: BENCH_DATA_DIR or BENCH_DATABASE_URL; BRYGGA_BUILD selects the build (`npm run build` first).
 */
import { eq } from 'drizzle-orm';
import { createApp } from '../src/lib/server/app.ts';
import { loadConfig } from '../src/lib/server/config.ts';
import { startServer } from '../server/main.ts';
import { makeInitiative, makeOrganisation, makeUser } from '../tests/factories/collab.ts';
import { sprintRooms, sprints } from '../src/lib/server/db/schema/index.ts';
import { SPRINT_STAGES, type SprintStage } from '../src/lib/server/sprints/stages.ts';
import { notifyStageStarted, publishRoomStage } from '../src/lib/server/sprints/stage.ts';
import type { UserActor } from '../src/lib/server/access/policy.ts';
import '../src/lib/server/capabilities.ts';

const ROOMS = Number(process.env.BENCH_SPRINT_ROOMS ?? 6);
const PARTICIPANTS = Number(process.env.BENCH_SPRINT_PARTICIPANTS ?? 10);

const app = await createApp({
	config: loadConfig({
		DEMO: 'false',
		LOG_LEVEL: 'error',
		...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : { DATA_DIR: process.env.BENCH_DATA_DIR! })
	})
});
const running = await startServer({ app, port: 0, host: '127.0.0.1' });
const buyer = await makeOrganisation(app, 'buyer', 'Benchmarks kommun');
const leader = await makeUser(app, { organisationId: buyer.id, name: 'Processledare' });
const initiative = await makeInitiative(app, leader, 'Sprint-benchmark');
const [sprint] = await app.db
	.insert(sprints)
	.values({
		initiativeId: initiative.id,
		title: 'Benchmark',
		template: 'design_sprint_5',
		schedule: SPRINT_STAGES.map((s, i) => ({ day: i + 1, stages: [s] })),
		goal: 'Snabbare hemgång',
		questions: ['Fungerar det?'],
		createdBy: leader.id
	})
	.returning();
const rooms: Array<{ id: string; cookies: string[] }> = [];
for (let r = 0; r < ROOMS; r++) {
	const org = await makeOrganisation(app, 'supplier', `Leverantör ${r + 1} AB`);
	const people = [];
	for (let p = 0; p < PARTICIPANTS; p++) people.push(await makeUser(app, { organisationId: org.id, name: `Deltagare ${r + 1}.${p + 1}` }));
	const [room] = await app.db
		.insert(sprintRooms)
		.values({ sprintId: sprint.id, organisationId: org.id, letter: String.fromCharCode(65 + r), termsAcceptedAt: new Date(), termsAcceptedBy: people[0].id })
		.returning();
	rooms.push({ id: room.id, cookies: people.map((p) => p.cookie) });
}

/** Starts a stage in every room: what the console's command does after its transaction. */
let currentStage: SprintStage | null = null;
const leaderActor: UserActor = { kind: 'user', userId: leader.id, name: leader.name, organisationId: buyer.id, organisationKind: 'buyer', orgAdmin: false, platformAdmin: false };

async function startStage(stage: SprintStage) {
	const now = new Date();
	const from = currentStage;
	currentStage = stage;
	await app.db.update(sprints).set({ stage, stageStartedAt: now, timerEndsAt: null }).where(eq(sprints.id, sprint.id));
	const state = { stage, stageStartedAt: now.toISOString(), timerEndsAt: null, locked: false };
	await Promise.all(rooms.map((r) => publishRoomStage(app, r.id, state)));
	await notifyStageStarted(
		app,
		rooms.map((r) => ({ sprintId: sprint.id, initiativeId: initiative.id, roomId: r.id, stage, from, state, actor: leaderActor }))
	);
}

process.on('message', (msg: { cmd: string; stage?: SprintStage }) => {
	if (msg.cmd === 'cpu') process.send!({ cpu: process.cpuUsage(), mem: process.memoryUsage().rss });
	if (msg.cmd === 'stage' && msg.stage) void startStage(msg.stage).then(() => process.send!({ started: msg.stage }));
});
process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
process.stdout.write(JSON.stringify({ url: running.url, sprintId: sprint.id, rooms, leaderCookie: leader.cookie, database: app.database.kind }) + '\n');
