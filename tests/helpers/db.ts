/**
 * Test databases. Integration tests run on PGlite always, and on the real PostgreSQL when
 * TEST_DATABASE_URL is set and BRYGGA_TEST_DB=postgres (the test script runs both).
 * Each call gets a fresh, empty database.
 */
import postgres from 'postgres';

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
	return process.env.BRYGGA_TEST_DB === 'postgres' && process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

export interface TestDatabase {
	/** For `DATABASE_URL`; undefined means PGlite in memory. */
	url?: string;
	dataDir: string;
	drop(): Promise<void>;
}

/** A fresh database: a new PostgreSQL database on the test server, or an in-memory PGlite. */
export async function freshDatabase(): Promise<TestDatabase> {
	if (testDbKind() === 'pglite') return { dataDir: 'memory://', drop: async () => {} };
	return freshPostgresDatabase(process.env.TEST_DATABASE_URL!);
}

/** A fresh, empty database on the PostgreSQL server of `serverUrl` (any database URL on it). */
export async function freshPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
	const base = new URL(serverUrl);
	const name = `brygga_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(base.href, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const url = new URL(base.href);
	url.pathname = `/${name}`;
	return {
		url: url.href,
		dataDir: 'memory://',
		async drop() {
			const a = postgres(base.href, { max: 1, onnotice: () => {} });
			await a.unsafe(`drop database if exists ${name} with (force)`);
			await a.end();
		}
	};
}
