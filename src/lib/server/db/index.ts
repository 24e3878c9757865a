/**
 * The database: PostgreSQL through postgres.js when a URL is given, otherwise an embedded
 * PGlite under DATA_DIR. Same schema, same migrations, same code paths; callers see one type.
 *
 * PGlite has no lock between processes: exactly one process may open a data folder, which a
 * lock file (`brygga.pid` in the folder) enforces — a second process is refused with a message
 * that says so. On PostgreSQL several processes are fine with Redis (multi-process mode); without
 * it, a session advisory lock tells one process that another is live (`claimProcessSlot`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';
import { StartupError } from '../config.ts';

export { schema };
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: functions that write take this so callers can compose them. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	/** Runs `select 1`; false when the database does not answer. */
	ping(): Promise<boolean>;
	/**
	 * PostgreSQL only: holds an advisory lock for the life of this process on a dedicated
	 * connection — exclusive for a single process (no Redis), shared in multi-process mode.
	 * False when another process holds it the other way (a process without Redis beside others,
	 * or others beside one): the caller warns. Always true on PGlite (the lock file decides there).
	 */
	claimProcessSlot(mode: 'single' | 'multi'): Promise<boolean>;
	close(): Promise<void>;
}

/** Key of the advisory lock that marks a live Brygga process on a PostgreSQL database. */
const PROCESS_LOCK_KEY = 0x4272_7967; // "Bryg"

/**
 * Takes the data folder for this process: writes our pid to `brygga.pid` (exclusive create).
 * An existing file whose process is alive means another Brygga uses the folder: refused. A file
 * left by a process that died (kill -9, power loss) is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
	const file = path.join(dataDir, 'brygga.pid');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
			return () => {
				try {
					if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
				} catch {
					// already gone
				}
			};
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
			const pid = Number(fs.readFileSync(file, 'utf8').trim());
			if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
				throw new StartupError(
					`DATA_DIR ${path.resolve(dataDir)} is in use by another Brygga process (pid ${pid}). The embedded database (PGlite) serves exactly one process: stop the other one, or run several processes on PostgreSQL (DATABASE_URL) with Redis (REDIS_URL) — see docs/operations.md.`
				);
			}
			// Stale (that process is gone) or our own pid from an earlier open in this process.
			fs.rmSync(file, { force: true });
		}
	}
	throw new Error(`could not take the lock file ${file}`);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export interface OpenOptions {
	/** PostgreSQL URL; when absent, PGlite is used. */
	url?: string;
	/** PGlite data folder, or `memory://` for a throwaway database. */
	dataDir?: string;
	/** Folder with drizzle-kit's migrations. */
	migrationsFolder?: string;
}

/**
 * Runs SQL without parameters through the driver's simple-query protocol and returns the rows
 * of each statement's result, in order. Several statements separated by semicolons run as one
 * implicit transaction (PostgreSQL's rule for a simple query): all of them or none. Only for
 * statements whose values were written with `literals.ts` — the hot path of live documents,
 * where a parameterised round trip costs more than the write itself (see `literals.ts`).
 * Needs the database itself, not a transaction.
 */
export async function simpleQuery(db: Db, statements: string): Promise<Array<Array<Record<string, unknown>>>> {
	const client = (db as unknown as { $client?: unknown }).$client;
	if (client && typeof (client as { exec?: unknown }).exec === 'function') {
		const results = await (client as { exec(sql: string): Promise<Array<{ rows: Array<Record<string, unknown>> }>> }).exec(statements);
		return results.map((r) => r.rows);
	}
	if (client && typeof (client as { unsafe?: unknown }).unsafe === 'function') {
		const result = await (client as { unsafe(sql: string): { simple(): Promise<unknown[]> } }).unsafe(statements).simple();
		// postgres.js answers one statement with its rows, several with an array of those.
		const many = result.length > 0 && result.every((r) => Array.isArray(r));
		return (many ? result : [result]).map((rows) => [...(rows as Array<Record<string, unknown>>)]);
	}
	throw new Error('simpleQuery: needs the database, not a transaction');
}

/** Folder of the committed migrations, resolved from the working directory (the project root). */
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'drizzle');

/**
 * `bytea` in PGlite's text protocol: its built-in conversion goes byte by byte through small
 * strings, which made reading a 10 000-update document and writing a snapshot take tens of
 * milliseconds on the event loop. Node's hex codec does the same in one call.
 */
const BYTEA_OID = 17;

function byteaToHex(value: unknown): string {
	if (!(value instanceof Uint8Array)) throw new TypeError('bytea parameter must be a Uint8Array');
	return '\\x' + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
}

function byteaFromHex(text: string): Uint8Array {
	if (!text.startsWith('\\x')) throw new TypeError('unexpected bytea text format');
	return new Uint8Array(Buffer.from(text.slice(2), 'hex'));
}

/** Opens the database and applies pending migrations. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
	const migrationsFolder = opts.migrationsFolder ?? MIGRATIONS_FOLDER;
	if (opts.url) {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		const client = postgres(opts.url, { max: 10, onnotice: () => {} });
		const db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder });
		let slot: { release(): void } | null = null;
		return {
			db: db as unknown as Db,
			kind: 'postgres',
			async claimProcessSlot(mode) {
				const reserved = await client.reserve();
				const fn = mode === 'single' ? 'pg_try_advisory_lock' : 'pg_try_advisory_lock_shared';
				const [row] = await reserved.unsafe(`select ${fn}(${PROCESS_LOCK_KEY}) as ok`);
				if (!row?.ok) {
					reserved.release();
					return false;
				}
				// The connection keeps the lock until it closes (with the process, or `close`).
				slot = reserved;
				return true;
			},
			ping: async () => {
				try {
					await client`select 1`;
					return true;
				} catch {
					return false;
				}
			},
			close: async () => {
				slot?.release();
				await client.end({ timeout: 5 });
			}
		};
	}
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	const dataDir = opts.dataDir ?? 'memory://';
	let unlock = () => {};
	if (!dataDir.startsWith('memory://')) {
		fs.mkdirSync(dataDir, { recursive: true });
		unlock = lockDataDir(dataDir);
	}
	let client: InstanceType<typeof PGlite>;
	let db;
	try {
		client = await PGlite.create(dataDir, { serializers: { [BYTEA_OID]: byteaToHex }, parsers: { [BYTEA_OID]: byteaFromHex } });
		db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder });
	} catch (err) {
		unlock();
		throw err;
	}
	return {
		db: db as unknown as Db,
		kind: 'pglite',
		claimProcessSlot: async () => true,
		ping: async () => {
			try {
				await client.query('select 1');
				return true;
			} catch {
				return false;
			}
		},
		close: async () => {
			await client.close();
			unlock();
		}
	};
}
