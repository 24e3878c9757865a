/**
 * Brygga's live-document server for the benchmark, in its own process: the same code as
 * production (`server/attach.ts`: handshake with session + policy, store-before-broadcast with
 * the ledger) on a fresh database — PGlite in a temporary folder, or PostgreSQL when
 * BENCH_DATABASE_URL is set. Seeds users, initiatives and the stored documents the run needs,
 * then prints one JSON line with what the clients need. Answers `{cmd:'mem'}` and `{cmd:'cpu'}`
 * over IPC (`ipc.ts`).
 *
 * Env: BENCH_CLIENTS, BENCH_SHARED (documents with every user a member; default BENCH_ROUNDS + 1),
 * BENCH_MULTI_SETS × BENCH_MULTI_DOCS documents with the first BENCH_MULTI_PER_DOC users as
 * members (the many-documents scenario), BENCH_MEM_DOCS, BENCH_COLD_DOCS, BENCH_COLD_FILE
 * (updates, see run.ts), BENCH_DATA_DIR, BENCH_DATABASE_URL; REDIS_URL + REDIS_PREFIX for
 * multi-process mode; BENCH_NO_SEED for a further process on a database another one seeded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/lib/server/app.ts';
import { loadConfig } from '../src/lib/server/config.ts';
import * as Y from 'yjs';
import { appendUpdates, compactDocument } from '../src/lib/server/collab/store.ts';
import { attachToHttpServer } from '../server/attach.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../tests/factories/collab.ts';
import { readUpdates } from './updates.ts';
import { answerMeasurements } from './ipc.ts';

const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const memDocs = Number(process.env.BENCH_MEM_DOCS ?? 100);
const coldDocs = Number(process.env.BENCH_COLD_DOCS ?? 3);

const app = await createApp({
	config: loadConfig({
		DEMO: 'false',
		LOG_LEVEL: 'error',
		...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : { DATA_DIR: process.env.BENCH_DATA_DIR! }),
		...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: process.env.REDIS_PREFIX ?? `brygga-bench-${process.ppid}:` } : {})
	})
});
const seed = !process.env.BENCH_NO_SEED;

const org = seed ? await makeOrganisation(app, 'buyer', 'Benchmarks kommun') : { id: '' };
const users: TestUser[] = [];
for (let i = 0; i < (seed ? clients : 0); i++) users.push(await makeUser(app, { organisationId: org.id, name: `Deltagare ${i + 1}` }));
// One shared document per round, as the reference gets (a fresh document each round), and one
// more for the unmeasured warm-up round.
const sharedNames: string[] = [];
for (let round = 0; round < (seed ? Number(process.env.BENCH_SHARED ?? Number(process.env.BENCH_ROUNDS ?? 4) + 1) : 0); round++) {
	const shared = await makeInitiative(app, users[0], `Delat dokument ${round + 1}`);
	for (const u of users.slice(1)) await addMember(app, shared.id, u.id, 'team');
	sharedNames.push(`brief.${shared.id}`);
}
// The many-documents scenario: per set (one per round), BENCH_MULTI_DOCS documents whose members
// are the first BENCH_MULTI_PER_DOC users.
const multiNames: string[][] = [];
for (let set = 0; set < (seed ? Number(process.env.BENCH_MULTI_SETS ?? 0) : 0); set++) {
	const names: string[] = [];
	for (let d = 0; d < Number(process.env.BENCH_MULTI_DOCS ?? 30); d++) {
		const doc = await makeInitiative(app, users[0], `Flera dokument ${set + 1}.${d + 1}`);
		for (const u of users.slice(1, Number(process.env.BENCH_MULTI_PER_DOC ?? 10))) await addMember(app, doc.id, u.id, 'team');
		names.push(`brief.${doc.id}`);
	}
	multiNames.push(names);
}
const memNames: string[] = [];
// Twice as many: the first half is measured, the second warms the server up first (run.ts).
for (let i = 0; i < (seed ? 2 * memDocs : 0); i++) memNames.push(`brief.${(await makeInitiative(app, users[0], `Minne ${i}`)).id}`);
const coldNames: string[] = [];
const updates = seed && coldDocs > 0 ? readUpdates(process.env.BENCH_COLD_FILE!) : [];
for (let i = 0; i < (seed ? coldDocs : 0); i++) {
	const name = `brief.${(await makeInitiative(app, users[0], `Kallstart ${i}`)).id}`;
	for (let at = 0; at < updates.length; at += 1000) {
		const batch = updates.slice(at, at + 1000).map((update) => ({ update, author: { userId: users[0].id, organisationId: org.id }, at: new Date() }));
		await appendUpdates(app.db, name, batch);
	}
	coldNames.push(name);
}
// The same history as the live server stores it: the tail folded into the snapshot every 1000
// updates (`compactEvery`), the ledger keeping all 10 000 rows.
const compactedNames: string[] = [];
for (let i = 0; i < (seed ? coldDocs : 0); i++) {
	const name = `brief.${(await makeInitiative(app, users[0], `Kallstart komprimerad ${i}`)).id}`;
	const doc = new Y.Doc();
	for (let at = 0; at < updates.length; at += 500) {
		const slice = updates.slice(at, at + 500);
		const through = await appendUpdates(app.db, name, slice.map((update) => ({ update, author: { userId: users[0].id, organisationId: org.id }, at: new Date() })));
		for (const u of slice) Y.applyUpdate(doc, u);
		if (slice.length === 500 && (at + 500) % 1000 === 0) await compactDocument(app.db, name, Y.encodeStateAsUpdate(doc), through);
	}
	doc.destroy();
	compactedNames.push(name);
}

const server = http.createServer((_req, res) => res.writeHead(404).end());
await attachToHttpServer(server, app);
process.on('SIGTERM', () => process.exit(0));
answerMeasurements();
server.listen(0, '127.0.0.1', () => {
	const info = {
		port: (server.address() as AddressInfo).port,
		cookies: users.map((u) => u.cookie),
		shared: sharedNames,
		multi: multiNames,
		memDocs: memNames,
		coldDocs: coldNames,
		compactedDocs: compactedNames,
		database: app.database.kind
	};
	process.stdout.write(JSON.stringify(info) + '\n');
});
