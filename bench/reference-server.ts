/**
 * The reference: `@y/websocket-server` (the stock y-websocket server) in its own process, with
 * no authentication, no policy and no durable write in the broadcast path. With YPERSISTENCE
 * set it stores to LevelDB (y-leveldb) the way it does in production; the cold-load documents
 * are then written there first with y-leveldb's own `storeUpdate`.
 *
 * Env: BENCH_COLD_DOCS, BENCH_COLD_FILE, YPERSISTENCE.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { readUpdates } from './updates.ts';
import { answerMeasurements } from './ipc.ts';

const coldNames: string[] = [];
if (process.env.YPERSISTENCE) {
	const leveldb = 'y-leveldb';
	const { LeveldbPersistence } = (await import(leveldb)) as {
		LeveldbPersistence: new (dir: string) => { storeUpdate(name: string, u: Uint8Array): Promise<number>; destroy(): Promise<void> };
	};
	const updates = readUpdates(process.env.BENCH_COLD_FILE!);
	const ldb = new LeveldbPersistence(process.env.YPERSISTENCE + '-seed');
	for (let i = 0; i < Number(process.env.BENCH_COLD_DOCS ?? 3); i++) {
		const name = `cold-${i}`;
		for (const u of updates) await ldb.storeUpdate(name, u);
		coldNames.push(name);
	}
	await ldb.destroy();
}
// utils.js reads YPERSISTENCE when it is imported; the seed used a sibling folder it now renames into place.
if (process.env.YPERSISTENCE) {
	const fs = await import('node:fs');
	fs.rmSync(process.env.YPERSISTENCE, { recursive: true, force: true });
	fs.renameSync(process.env.YPERSISTENCE + '-seed', process.env.YPERSISTENCE);
}
const { setupWSConnection } = (await import('@y/websocket-server/utils')) as unknown as {
	setupWSConnection: (ws: unknown, req: http.IncomingMessage) => void;
};

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
const server = http.createServer((_req, res) => res.writeHead(200).end('okay'));
server.on('upgrade', (req, socket, head) => {
	// The reference has no error listener of its own; keep the benchmark alive regardless.
	socket.on('error', () => {});
	// Clients use Brygga's URL shape (`/yjs/<doc>`); the reference names documents by the whole path.
	req.url = (req.url ?? '/').replace(/^\/yjs(?=\/)/, '');
	wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
process.on('SIGTERM', () => process.exit(0));
answerMeasurements();
server.listen(0, '127.0.0.1', () => {
	process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port, coldDocs: coldNames }) + '\n');
});
