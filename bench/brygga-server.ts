/**
 * Brygga's live-document server for the benchmark, in its own process: the same code as
 * production (`server/attach.ts`: handshake with session + policy, store-before-broadcast with
 * the ledger) on a fresh database — PGlite in a temporary folder, or PostgreSQL when
 * BENCH_DATABASE_URL is set. Seeds users, initiatives and the stored documents the run needs,
 * then prints one JSON line with what the clients need. Answers `{cmd:'mem'}` and `{cmd:'cpu'}`
 * over IPC (`ipc.ts`).
 *
 * Env: BENCH_CLIENTS, BENCH_ROUNDS, BENCH_MEM_DOCS, BENCH_COLD_DOCS, BENCH_COLD_FILE (updates, see
 * run.ts), BENCH_DATA_DIR, BENCH_DATABASE_URL.
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
		...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : { DATA_DIR: process.env.BENCH_DATA_DIR! })
	})
});

const org = await makeOrganisation(app, 'buyer', 'Benchmarks kommun');
const users: TestUser[] = [];
for (let i = 0; i < clients; i++) users.push(await makeUser(app, { organisationId: org.id, name: `Deltagare ${i + 1}` }));
// One shared document per round, as the reference gets (a fresh document each round), and one
// more for the unmeasured warm-up round.
const sharedNames: string[] = [];
for (let round = 0; round <= Number(process.env.BENCH_ROUNDS ?? 4); round++) {
	const shared = await makeInitiative(app, users[0], `Delat dokument ${round + 1}`);
	for (const u of users.slice(1)) await addMember(app, shared.id, u.id, 'team');
	sharedNames.push(`brief.${shared.id}`);
}
const memNames: string[] = [];
// Twice as many: the first half is measured, the second warms the server up first (run.ts).
for (let i = 0; i < 2 * memDocs; i++) memNames.push(`brief.${(await makeInitiative(app, users[0], `Minne ${i}`)).id}`);
const coldNames: string[] = [];
const updates = readUpdates(process.env.BENCH_COLD_FILE!);
for (let i = 0; i < coldDocs; i++) {
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
for (let i = 0; i < coldDocs; i++) {
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
		memDocs: memNames,
		coldDocs: coldNames,
		compactedDocs: compactedNames,
		database: app.database.kind
	};
	process.stdout.write(JSON.stringify(info) + '\n');
});
