/** The journal against a real database: append-only, chained per initiative, tamper-evident. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/lib/server/db/index.ts';
import * as audit from '../../src/lib/server/audit/index.ts';
import { freshDatabase, testDbKind, type TestDatabase } from '../helpers/db.ts';

let tdb: TestDatabase;
let database: Database;
const initiative = '7d1f6a52-2b0b-4b8e-9a43-1b1a2f0c9e11';
const other = '0b5b8f0e-4a7c-4f35-8a0f-6d0e0f1c2b3a';
const actor = { userId: null, label: 'Testare' };

beforeAll(async () => {
	tdb = await freshDatabase();
	database = await openDatabase({ url: tdb.url, dataDir: tdb.dataDir });
});
afterAll(async () => {
	await database?.close();
	await tdb?.drop();
});

describe(`the journal on ${testDbKind()}`, () => {
	it('chains rows per initiative and verifies them', async () => {
		await audit.record(database.db, { initiativeId: initiative, actor, action: 'initiative.created', data: { title: 'Golv' } });
		await audit.record(database.db, { initiativeId: other, actor, action: 'initiative.created' });
		await audit.record(database.db, { initiativeId: initiative, actor, action: 'member.added', data: { userId: 'x' } });
		const entries = await audit.list(database.db, initiative);
		expect(entries.map((e) => e.action)).toEqual(['initiative.created', 'member.added']);
		expect(await audit.verify(database.db, initiative)).toEqual({ ok: true, entries: 2 });
		expect(await audit.verify(database.db, other)).toEqual({ ok: true, entries: 1 });
	});

	it('keeps the chain unbroken under concurrent writers', async () => {
		await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				audit.record(database.db, { initiativeId: initiative, actor, action: 'brief.edited', data: { n: i } })
			)
		);
		expect(await audit.verify(database.db, initiative)).toEqual({ ok: true, entries: 14 });
	});

	it('refuses UPDATE and DELETE on the table, even for the app itself', async () => {
		await expect(database.db.execute(sql`update audit_log set actor_label = 'Mallory'`)).rejects.toThrow();
		await expect(database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
		expect(await audit.verify(database.db, initiative)).toMatchObject({ ok: true });
	});

	it('reports the first row whose link is broken', async () => {
		await database.db.execute(sql`
			insert into audit_log (initiative_id, actor_label, action, data, at, prev_hash, hash)
			values (${initiative}, 'Mallory', 'member.added', '{}'::jsonb, now(), ${'0'.repeat(64)}, ${'f'.repeat(64)})`);
		const result = await audit.verify(database.db, initiative);
		expect(result.ok).toBe(false);
		const entries = await audit.list(database.db, initiative);
		expect(result).toEqual({ ok: false, entries: 15, brokenAt: entries.at(-1)!.id, brokenSeq: 15 });
	});
});
