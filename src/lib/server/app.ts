/**
 * The process-wide application context: configuration, database, mailer, rate limiters and
 * the domain event bus. Created once per process and kept on `globalThis`, because two copies
 * of this code run in one process: the SvelteKit bundle (or Vite's SSR runner in dev) and the
 * Node entry in `server/`. Both must share one database handle — PGlite above all, which must
 * never be opened twice.
 */
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/index.ts';
import { createMailer, type Mailer } from './mail/index.ts';
import { Events } from './events.ts';
import { createLogger, type Logger } from './log.ts';
import type { LiveDocs } from './live-docs.ts';
import { systemClock, type Clock } from './clock.ts';
import { connectCluster, relayAccessChanges, type Cluster } from './cluster.ts';
import { limitersFor } from './auth/ratelimit.ts';

export interface App {
	config: Config;
	database: Database;
	/** Shorthand for `database.db`. */
	db: Database['db'];
	mailer: Mailer;
	events: Events;
	log: Logger;
	/** The server's time for deadlines and scheduled work; tests pass a `ManualClock`. */
	clock: Clock;
	/**
	 * Server-side access to live documents, installed by the collab server when it is attached
	 * (`server/attach.ts`). Domain commands use it to change a document so that the change is
	 * persisted, attributed and broadcast like any other update.
	 */
	liveDocs?: LiveDocs;
	/**
	 * Multi-process mode (`REDIS_URL`): the Redis connection that carries live-document fan-out,
	 * access changes and rate-limit counts between processes. Undefined with one process.
	 */
	cluster?: Cluster;
	/** Closes what the app opened (database last). */
	close(): Promise<void>;
}

const KEY = Symbol.for('brygga.app');
type Holder = { [KEY]?: Promise<App> };

export interface CreateAppOptions {
	config?: Config;
	/** The server's clock (default: the system clock). */
	clock?: Clock;
	/** Runs after migrations; the demo seed hooks in here. */
	afterOpen?: (app: App) => Promise<void>;
}

/** Builds an app context. Tests call this directly with their own config. */
export async function createApp(opts: CreateAppOptions = {}): Promise<App> {
	const config = opts.config ?? loadConfig();
	const log = createLogger(config.LOG_LEVEL);
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
	const closers: Array<() => Promise<void> | void> = [];
	const events = new Events();
	let cluster: Cluster | undefined;
	if (config.REDIS_URL) {
		try {
			cluster = await connectCluster({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX, log });
			const unrelay = await relayAccessChanges(cluster, events, log);
			const c = cluster;
			closers.push(async () => {
				await unrelay();
				await c.close();
			});
		} catch (err) {
			await cluster?.close();
			await database.close();
			throw new Error(`REDIS_URL is set but Redis cannot be reached (${String(err)}); multi-process mode needs it.`);
		}
		log.info('cluster.joined', { processId: cluster.processId, prefix: config.REDIS_PREFIX });
	}
	if (database.kind === 'postgres' && !(await database.claimProcessSlot(cluster ? 'multi' : 'single'))) {
		log.warn('server.other_process_live', {
			message: cluster
				? 'Another Brygga process without REDIS_URL is using this database: its live documents, access changes and rate limits are not shared with this one. Give every process the same REDIS_URL.'
				: 'Another Brygga process is using this database: without REDIS_URL, processes do not share live documents, access changes or rate limits, and edits can be lost. Set REDIS_URL on every process (docs/operations.md).'
		});
	}
	const app: App = {
		config,
		database,
		db: database.db,
		mailer: createMailer(database.db, { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }),
		events,
		log,
		cluster,
		clock: opts.clock ?? systemClock,
		async close() {
			for (const c of closers.reverse()) await c();
			await database.close();
		}
	};
	if (cluster) {
		// The replicated limits (sign-in, sign-up, invitations, uploads, workshop joins) listen to
		// the other processes from the start: created on first use, a process would miss every
		// hit made elsewhere before its own first sign-in or join.
		limitersFor(app);
		const { joinGuard } = await import('./workshops/index.ts');
		joinGuard(app);
	}
	if (opts.afterOpen) await opts.afterOpen(app);
	return app;
}

/**
 * The process's app, created on first use. `init` lets the Node entry decide how it is built
 * (e.g. with the demo seed); later callers get the same instance.
 */
export function getApp(init?: () => Promise<App>): Promise<App> {
	const holder = globalThis as Holder;
	holder[KEY] ??= (init ?? (() => createApp({ afterOpen: defaultAfterOpen })))();
	return holder[KEY];
}

/** Forgets the process's app (after closing it). */
export function resetApp(): void {
	delete (globalThis as Holder)[KEY];
}

/** Seeds the demo when demo mode is on. Imported lazily so tests that do not want it skip the cost. */
async function defaultAfterOpen(app: App): Promise<void> {
	if (!app.config.demo) return;
	const { seedDemo } = await import('./demo/seed.ts');
	await seedDemo(app);
}
