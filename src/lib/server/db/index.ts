/**
 * The database: PostgreSQL through postgres.js when a URL is given, otherwise an embedded
 * PGlite under DATA_DIR. Same schema, same migrations, same code paths; callers see one type.
 *
 * PGlite has no lock between processes: exactly one process may open a data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';

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
	close(): Promise<void>;
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
		return {
			db: db as unknown as Db,
			kind: 'postgres',
			ping: async () => {
				try {
					await client`select 1`;
					return true;
				} catch {
					return false;
				}
			},
			close: () => client.end({ timeout: 5 })
		};
	}
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	const dataDir = opts.dataDir ?? 'memory://';
	if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
	const client = await PGlite.create(dataDir, { serializers: { [BYTEA_OID]: byteaToHex }, parsers: { [BYTEA_OID]: byteaFromHex } });
	const db = drizzle(client, { schema });
	await migrate(db, { migrationsFolder });
	return {
		db: db as unknown as Db,
		kind: 'pglite',
		ping: async () => {
			try {
				await client.query('select 1');
				return true;
			} catch {
				return false;
			}
		},
		close: () => client.close()
	};
}
