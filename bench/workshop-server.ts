/**
 * The whole Brygga server (SvelteKit handler + live documents) for the workshop benchmark, in a
 * process of its own so its CPU time can be measured apart from the clients. Seeds a process
 * leader, an initiative and a workshop in the collect phase, prints one JSON line with what the
 * clients need, and answers `{cmd:'cpu'}` over IPC with `process.cpuUsage()`.
 *
 * Env: BENCH_DATA_DIR or BENCH_DATABASE_URL; BRYGGA_BUILD selects the build (`npm run build` first).
 */
import { createApp } from '../src/lib/server/app.ts';
import { loadConfig } from '../src/lib/server/config.ts';
import { startServer } from '../server/main.ts';
import { makeInitiative, makeOrganisation, makeUser } from '../tests/factories/collab.ts';
import * as workshops from '../src/lib/server/workshops/index.ts';

const app = await createApp({
	config: loadConfig({
		DEMO: 'false',
		LOG_LEVEL: process.env.BENCH_DEBUG ? 'warn' : 'error',
		...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : { DATA_DIR: process.env.BENCH_DATA_DIR! }),
		// Multi-process mode (bench/workshop.ts with BENCH_WS_PROCESSES=2).
		...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: process.env.REDIS_PREFIX ?? `brygga-bench-${process.ppid}:` } : {})
	})
});
const running = await startServer({ app, port: 0, host: '127.0.0.1' });
process.on('message', (msg: { cmd: string }) => {
	if (msg.cmd === 'cpu') process.send!({ cpu: process.cpuUsage(), mem: process.memoryUsage().rss });
});
process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
if (process.env.BENCH_NO_SEED) {
	// A further process on the same database: the first one seeded the workshop.
	process.stdout.write(JSON.stringify({ url: running.url, database: app.database.kind }) + '\n');
} else {
	const org = await makeOrganisation(app, 'buyer', 'Benchmarks kommun');
	const leader = await makeUser(app, { organisationId: org.id, name: 'Facilitator' });
	const initiative = await makeInitiative(app, leader, 'Workshop-benchmark');
	const actor = { kind: 'user' as const, userId: leader.id, name: leader.name, organisationId: org.id, organisationKind: 'buyer' as const, orgAdmin: false, platformAdmin: false };
	let w = await workshops.createWorkshop(app, actor, initiative.id, { title: 'Benchmark', question: 'Vad behöver ni?', votesPerParticipant: 100, anonymous: true });
	w = await workshops.changePhase(app, actor, w, 'collect');
	process.stdout.write(JSON.stringify({ url: running.url, workshopId: w.id, docName: workshops.docNameOf(w.id), code: w.joinCode, leaderCookie: leader.cookie, database: app.database.kind }) + '\n');
}
