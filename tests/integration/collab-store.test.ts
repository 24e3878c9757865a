/**
 * The live-document store's write path on the database itself (PGlite always, PostgreSQL when
 * configured): updates and their ledger rows go in together through one simple query, values
 * that are not what they claim to be never reach the statement, and hostile text is stored as
 * text, not run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { openDatabase, simpleQuery, type Database } from '../../src/lib/server/db/index.ts';
import { docLedger, docUpdates } from '../../src/lib/server/db/schema/index.ts';
import { appendDocumentUpdates, appendUpdates, compactDocument, loadDocument, type AppendEntry } from '../../src/lib/server/collab/store.ts';
import { CommitPipeline, type CommitQueue } from '../../server/collab/commits.ts';
import type { App } from '../../src/lib/server/app.ts';
import { LiteralError, text } from '../../src/lib/server/db/literals.ts';
import { freshDatabase, testDbKind, type TestDatabase } from '../helpers/db.ts';

let tdb: TestDatabase;
let database: Database;

beforeAll(async () => {
	tdb = await freshDatabase();
	database = await openDatabase({ url: tdb.url, dataDir: tdb.dataDir });
});
afterAll(async () => {
	await database?.close();
	await tdb?.drop();
});

describe(`collab store writes (${testDbKind()})`, () => {
	it('stores a batch of updates with one ledger row per authored update, and answers the highest id', async () => {
		const doc = `brief.${randomUUID()}`;
		const user = { userId: randomUUID(), organisationId: randomUUID() };
		const guest = { guestId: randomUUID() };
		const at = new Date('2026-11-22T08:00:00.123Z');
		const first = await appendUpdates(database.db, doc, [{ update: new Uint8Array([1, 2, 3]), author: user, at }]);
		const last = await appendUpdates(database.db, doc, [
			{ update: new Uint8Array([4]), author: null, at },
			{ update: new Uint8Array([5, 6]), author: guest, at },
			{ update: new Uint8Array([0, 255]), author: user, at }
		]);
		expect(last).toBeGreaterThan(first);
		const rows = await database.db.select().from(docUpdates).where(eq(docUpdates.docName, doc));
		expect(rows.map((r) => Number(r.id)).sort((a, b) => a - b).at(-1)).toBe(last);
		const stored = await loadDocument(database.db, doc);
		expect(stored.updates.map((u) => [...u])).toEqual([[1, 2, 3], [4], [5, 6], [0, 255]]);
		expect(stored.throughId).toBe(last);
		const ledger = await database.db.select().from(docLedger).where(eq(docLedger.docName, doc));
		expect(ledger.map((l) => [l.userId, l.guestId, l.organisationId, l.bytes, l.at.toISOString()])).toEqual(
			expect.arrayContaining([
				[user.userId, null, user.organisationId, 3, at.toISOString()],
				[null, guest.guestId, null, 2, at.toISOString()],
				[user.userId, null, user.organisationId, 2, at.toISOString()]
			])
		);
		expect(ledger).toHaveLength(3);
	});

	it('commits several documents in one group: each keeps its order and gets its own highest id', async () => {
		const [a, b] = [`brief.${randomUUID()}`, `brief.${randomUUID()}`];
		const author = { userId: randomUUID(), organisationId: randomUUID() };
		const at = new Date();
		const [throughA, throughB] = await appendDocumentUpdates(database.db, [
			{ docName: a, entries: [1, 2, 3].map((x) => ({ update: new Uint8Array([x]), author, at })) },
			{ docName: b, entries: [7, 8].map((x) => ({ update: new Uint8Array([x]), author: null, at })) }
		]);
		const [storedA, storedB] = [await loadDocument(database.db, a), await loadDocument(database.db, b)];
		expect(storedA.updates.map((u) => [...u])).toEqual([[1], [2], [3]]);
		expect(storedB.updates.map((u) => [...u])).toEqual([[7], [8]]);
		expect([storedA.throughId, storedB.throughId]).toEqual([throughA, throughB]);
		expect(await database.db.select().from(docLedger).where(eq(docLedger.docName, a))).toHaveLength(3);
		expect(await database.db.select().from(docLedger).where(eq(docLedger.docName, b))).toHaveLength(0);
	});

	it('the group commit stores what arrived for every document together; a document that cannot be stored fails alone', async () => {
		const errors: unknown[] = [];
		const app = { db: database.db, log: { error: (_event: string, fields: unknown) => errors.push(fields) } } as unknown as App;
		const pipeline = new CommitPipeline(app);
		const outcome = new Map<string, string>();
		const queue = (name: string, bytes: number[]): CommitQueue => {
			const q: CommitQueue = {
				name,
				queue: bytes.map((x) => ({ update: new Uint8Array([x]), author: null, at: new Date() })),
				taken: () => {},
				committed: (batch: AppendEntry[], through: number) => void outcome.set(name, `stored ${batch.length} through ${through}`),
				failed: (batch: AppendEntry[]) => void outcome.set(name, `failed ${batch.length}`)
			};
			return q;
		};
		const good = [queue(`brief.${randomUUID()}`, [1, 2]), queue(`brief.${randomUUID()}`, [3])];
		// Not a document name: the store refuses it, which fails the group it is in.
		const bad = queue('not a document', [4]);
		for (const q of [good[0], bad, good[1]]) pipeline.schedule(q);
		await pipeline.idle();
		for (const q of good) {
			const stored = await loadDocument(database.db, q.name);
			expect(outcome.get(q.name)).toBe(`stored ${stored.updates.length} through ${stored.throughId}`);
		}
		expect((await loadDocument(database.db, good[0].name)).updates.map((u) => [...u])).toEqual([[1], [2]]);
		expect(outcome.get(bad.name)).toBe('failed 1');
		expect(errors).toHaveLength(1);
	});

	it('folds the tail into the snapshot without touching the ledger, and never moves a snapshot backwards', async () => {
		const doc = `brief.${randomUUID()}`;
		const author = { userId: randomUUID(), organisationId: randomUUID() };
		const ids: number[] = [];
		for (const b of [1, 2, 3]) ids.push(await appendUpdates(database.db, doc, [{ update: new Uint8Array([b]), author, at: new Date() }]));
		await compactDocument(database.db, doc, new Uint8Array([9, 9]), ids[1]);
		let stored = await loadDocument(database.db, doc);
		expect(stored.snapshot && [...stored.snapshot]).toEqual([9, 9]);
		expect(stored.updates.map((u) => [...u])).toEqual([[3]]);
		// A late compaction of an older state must not replace the newer snapshot.
		await compactDocument(database.db, doc, new Uint8Array([8]), ids[0]);
		stored = await loadDocument(database.db, doc);
		expect(stored.snapshot && [...stored.snapshot]).toEqual([9, 9]);
		expect(stored.throughId).toBe(ids[2]);
		expect(await database.db.select().from(docLedger).where(eq(docLedger.docName, doc))).toHaveLength(3);
	});

	it('refuses a document name or author id that is not what it claims, and writes nothing', async () => {
		const doc = `brief.${randomUUID()}`;
		await expect(appendUpdates(database.db, "brief.x'); delete from doc_ledger; --", [{ update: new Uint8Array([1]), author: null, at: new Date() }])).rejects.toThrow();
		await expect(
			appendUpdates(database.db, doc, [{ update: new Uint8Array([1]), author: { userId: "x', null, null, 1, now()); delete from doc_ledger; --" }, at: new Date() }])
		).rejects.toBeInstanceOf(LiteralError);
		expect(await database.db.select().from(docUpdates).where(eq(docUpdates.docName, doc))).toHaveLength(0);
	});

	it('keeps quotes and backslashes in text literals as data', async () => {
		const hostile = "it's \\'; select 1; --\\";
		const [rows] = await simpleQuery(database.db, `select ${text(hostile)} as v`);
		expect(rows[0].v).toBe(hostile);
	});

	it('runs several statements as one transaction: a failing one undoes the others', async () => {
		const doc = `brief.${randomUUID()}`;
		await expect(
			simpleQuery(database.db, `insert into doc_updates (doc_name, update, created_at) values (${text(doc)}, decode('01','hex'), now()); select 1/0`)
		).rejects.toThrow();
		expect(await database.db.select().from(docUpdates).where(eq(docUpdates.docName, doc))).toHaveLength(0);
	});
});
