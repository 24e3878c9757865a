/**
 * Starts the real Brygga server (built SvelteKit handler + live-document endpoint) on port 0
 * against a fresh database. Run `npm run build` first (the test script does).
 * One server per test file at a time: the SvelteKit bundle is loaded once per process.
 */
import { createApp, resetApp, type App } from '../../src/lib/server/app.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { freshDatabase } from './db.ts';
import type { Clock } from '../../src/lib/server/clock.ts';

export interface TestServer extends RunningServer {
	/** Closes the server and drops the database. */
	stop(): Promise<void>;
}

/** Starts a server; `opts.clock` replaces the server's clock (a `ManualClock` moves deadlines). */
export async function startTestServer(env: Record<string, string> = {}, opts: { clock?: Clock } = {}): Promise<TestServer> {
	const database = await freshDatabase();
	const config = loadConfig({
		DEMO: 'false',
		LOG_LEVEL: 'warn',
		...(database.url ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir }),
		...env
	});
	resetApp();
	const app: App = await createApp({ config, clock: opts.clock });
	const running = await startServer({ app, port: 0, host: '127.0.0.1' });
	return {
		...running,
		async stop() {
			await running.close();
			resetApp();
			await database.drop();
		}
	};
}
