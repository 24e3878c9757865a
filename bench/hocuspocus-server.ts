/**
 * Hocuspocus 4 (`@hocuspocus/server`) for the benchmark, in its own process, with its Database
 * extension on an embedded store comparable to Brygga's: PGlite in a temporary folder, one row
 * per document (`fetch` loads the stored state, `store` upserts the whole encoded state).
 *
 * What it does and does not do, as configured here (the package defaults otherwise):
 *  - no authentication (no `onAuthenticate` hook), no policy, no update checks;
 *  - the Database extension stores **after** broadcasting, debounced (`debounce` 2 s, at most
 *    every 10 s per document), and again when a document unloads — a change a client has seen
 *    may be lost if the process dies, like the reference's LevelDB and unlike Brygga, which
 *    commits every update before broadcasting it;
 *  - broadcasts are coalesced within one event-loop turn (`flushDelay` 0, its default).
 * Clients speak Hocuspocus's own protocol (every message prefixed with the document name), so
 * the benchmark drives it with `@hocuspocus/provider` (`bench/hocuspocus-client.ts`).
 *
 * With BENCH_COLD_DOCS, that many documents of the BENCH_COLD_FILE updates are stored first, as
 * this extension stores them (one row with the encoded state).
 *
 * Env: BENCH_DATA_DIR (required), BENCH_COLD_DOCS, BENCH_COLD_FILE.
 */
import { PGlite } from '@electric-sql/pglite';
import { Server } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import * as Y from 'yjs';
import { readUpdates } from './updates.ts';
import { answerMeasurements } from './ipc.ts';

const db = await PGlite.create(process.env.BENCH_DATA_DIR!);
await db.exec('create table if not exists documents (name text primary key, state bytea not null)');

const store = (name: string, state: Uint8Array) =>
	db.query('insert into documents (name, state) values ($1, $2) on conflict (name) do update set state = excluded.state', [name, state]);

const coldNames: string[] = [];
const coldDocs = Number(process.env.BENCH_COLD_DOCS ?? 0);
if (coldDocs > 0) {
	const doc = new Y.Doc();
	for (const u of readUpdates(process.env.BENCH_COLD_FILE!)) Y.applyUpdate(doc, u);
	const state = Y.encodeStateAsUpdate(doc);
	for (let i = 0; i < coldDocs; i++) {
		await store(`cold-${i}`, state);
		coldNames.push(`cold-${i}`);
	}
	doc.destroy();
}

const server = new Server({
	port: 0,
	address: '127.0.0.1',
	quiet: true,
	stopOnSignals: false,
	extensions: [
		new Database({
			fetch: async ({ documentName }) => {
				const res = await db.query<{ state: Uint8Array }>('select state from documents where name = $1', [documentName]);
				return res.rows[0]?.state ?? null;
			},
			store: async ({ documentName, state }) => {
				await store(documentName, state);
			}
		})
	]
});
await server.listen();
process.on('SIGTERM', async () => {
	// Stores what is still debounced, as a deployment's shutdown would.
	await server.destroy();
	await db.close();
	process.exit(0);
});
answerMeasurements();
process.stdout.write(JSON.stringify({ port: server.address.port, coldDocs: coldNames }) + '\n');
