/**
 * Node entry: `node server/index.ts` (Node 24 runs the TypeScript directly). Starts Brygga on
 * PORT and shuts down cleanly on SIGTERM/SIGINT: live-document sockets are closed and their
 * pending writes flushed, HTTP stops, the database is closed.
 */
import { startServer } from './main.ts';
import { StartupError } from '../src/lib/server/config.ts';

let running: Awaited<ReturnType<typeof startServer>>;
try {
	running = await startServer();
} catch (err) {
	// What the operator must fix (settings, a data folder in use) is said in one message; anything
	// else keeps its stack trace.
	if (!(err instanceof StartupError)) throw err;
	console.error(`brygga: ${err.message}`);
	process.exit(1);
}
running.app.log.info('server.started', { url: running.url, database: running.app.database.kind, demo: running.app.config.demo });

let stopping = false;
async function stop(signal: string) {
	if (stopping) return;
	stopping = true;
	running.app.log.info('server.stopping', { signal });
	const force = setTimeout(() => process.exit(1), 15_000);
	force.unref();
	await running.close();
	process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
