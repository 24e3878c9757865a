/**
 * Storage of live documents in PostgreSQL (or PGlite): a compacted snapshot, the tail of
 * updates since it, the authorship ledger and a plain projection.
 *
 * The ledger is written in the same transaction as the update it describes and is never
 * compacted: folding the tail into the snapshot deletes update rows, not ledger rows, so the
 * question "who wrote in this document" keeps its answer forever.
 */
import * as Y from 'yjs';
import { and, asc, eq, getTableName, gt, lte, sql } from 'drizzle-orm';
import { docLedger, docProjections, docSnapshots, docUpdates } from '../db/schema/index.ts';
import { simpleQuery, type Db } from '../db/index.ts';
import * as lit from '../db/literals.ts';
import { parseDocName } from '../access/docs.ts';
import type { ChangeAuthor } from '../live-docs.ts';
import type { Projection } from './projection.ts';

export interface StoredDocument {
	/** The compacted state, or null when the document was never compacted. */
	snapshot: Uint8Array | null;
	/** Updates after the snapshot, oldest first. */
	updates: Uint8Array[];
	/** Highest update id contained in `snapshot` + `updates` (0 for a new document). */
	throughId: number;
}

/** Reads a document's snapshot and tail. A document never written to comes back empty. */
export async function loadDocument(db: Db, docName: string): Promise<StoredDocument> {
	const [snap] = await db
		.select({ state: docSnapshots.state, throughId: docSnapshots.throughUpdateId })
		.from(docSnapshots)
		.where(eq(docSnapshots.docName, docName))
		.limit(1);
	const after = snap?.throughId ?? 0;
	const rows = await db
		.select({ id: docUpdates.id, update: docUpdates.update })
		.from(docUpdates)
		.where(and(eq(docUpdates.docName, docName), gt(docUpdates.id, after)))
		.orderBy(asc(docUpdates.id));
	return {
		snapshot: snap ? new Uint8Array(snap.state) : null,
		updates: rows.map((r) => new Uint8Array(r.update)),
		throughId: rows.length ? rows[rows.length - 1].id : after
	};
}

export interface AppendEntry {
	update: Uint8Array;
	/** Null for a change made by the system itself (no ledger row). */
	author: ChangeAuthor | null;
	at: Date;
}

/**
 * Stores accepted updates and their ledger rows atomically. Resolves with the highest new
 * update id once committed; only then may the updates be broadcast.
 */
export async function appendUpdates(db: Db, docName: string, entries: AppendEntry[]): Promise<number> {
	return (await appendDocumentUpdates(db, [{ docName, entries }]))[0];
}

/** One document's share of a group commit (`appendDocumentUpdates`). */
export interface DocumentAppend {
	docName: string;
	entries: AppendEntry[];
}

/**
 * Stores the accepted updates of several documents, with their ledger rows, in one commit.
 * Resolves, per document in the order given, with its highest new update id once committed;
 * only then may the updates be broadcast. Within a document, ids follow the order of its
 * entries (one multi-row insert assigns them in order), which is the order they are loaded in.
 *
 * This runs on every keystroke, so the whole group goes to the database as one simple query
 * with typed literals (`db/literals.ts`): one implicit transaction, one trip (into WebAssembly,
 * with PGlite) instead of a BEGIN/INSERT/INSERT/COMMIT sequence of parameterised queries, and
 * two multi-row statements however many documents and updates the group holds. The commit's
 * fixed cost dominates a single keystroke's (docs/collab.md), so the live server commits every
 * document's pending updates together (`server/collab/commits.ts`). Two plain statements plan
 * faster than one statement joining them with a CTE (measured; docs/collab.md).
 */
export async function appendDocumentUpdates(db: Db, groups: DocumentAppend[]): Promise<number[]> {
	if (!groups.length || groups.some((g) => !g.entries.length)) throw new Error('appendUpdates: nothing to append');
	const updateRows: string[] = [];
	const ledgerRows: string[] = [];
	for (const { docName, entries } of groups) {
		if (!parseDocName(docName)) throw new Error('appendUpdates: not a document name');
		const name = lit.text(docName);
		for (const e of entries) {
			const at = lit.timestamp(e.at);
			updateRows.push(`(${name}, ${lit.bytes(e.update)}, ${at})`);
			const a = e.author;
			if (a && (a.userId || a.guestId)) ledgerRows.push(`(${name}, ${lit.uuid(a.userId)}, ${lit.uuid(a.guestId)}, ${lit.uuid(a.organisationId)}, ${lit.int(e.update.byteLength)}, ${at})`);
		}
	}
	const statements = [`insert into ${getTableName(docUpdates)} (doc_name, update, created_at) values ${updateRows.join(', ')} returning id, doc_name`];
	if (ledgerRows.length) statements.push(`insert into ${getTableName(docLedger)} (doc_name, user_id, guest_id, organisation_id, bytes, at) values ${ledgerRows.join(', ')}`);
	const [rows] = await simpleQuery(db, statements.join(';\n'));
	if (rows.length !== updateRows.length) throw new Error(`appendUpdates: ${rows.length} ids for ${updateRows.length} rows`);
	// Per document, the highest id (not the last row: nothing here relies on RETURNING's order).
	const highest = new Map<string, number>();
	for (const r of rows) highest.set(r.doc_name as string, Math.max(highest.get(r.doc_name as string) ?? 0, Number(r.id)));
	const through = groups.map((g) => highest.get(g.docName) ?? 0);
	return through;
}

/**
 * Replaces the snapshot with `state` (which must contain every update up to `throughId`) and
 * deletes those updates. The ledger is not touched, and a snapshot never moves backwards (a
 * slower compaction finishing late leaves the newer one in place). One simple query (one
 * implicit transaction), like `appendUpdates`: a compaction or an unload must not hold up the
 * keystrokes of other documents behind a BEGIN…COMMIT of parameterised round trips.
 */
export async function compactDocument(db: Db, docName: string, state: Uint8Array, throughId: number): Promise<void> {
	if (!parseDocName(docName)) throw new Error('compactDocument: not a document name');
	const snapshots = getTableName(docSnapshots);
	await simpleQuery(
		db,
		`insert into ${snapshots} (doc_name, state, through_update_id, updated_at) values (${lit.text(docName)}, ${lit.bytes(state)}, ${lit.int(throughId)}, ${lit.timestamp(new Date())})
		on conflict (doc_name) do update set state = excluded.state, through_update_id = excluded.through_update_id, updated_at = excluded.updated_at
		where ${snapshots}.through_update_id <= excluded.through_update_id;
		delete from ${getTableName(docUpdates)} where doc_name = ${lit.text(docName)} and id <= ${lit.int(throughId)}`
	);
}

/**
 * Compaction with several processes (multi-process mode): the rows up to `throughId` may hold
 * updates that `state` lacks (another process stored them and this one has not received them
 * yet), so instead of replacing, the stored snapshot, the folded rows and `state` are merged
 * (Yjs updates are idempotent), under a per-document transaction lock so two processes compacting
 * at once apply one after the other. The snapshot still never moves backwards. Costs a
 * transaction of a few round trips: compaction runs beside the write pipeline, every 1 000 updates
 * and on unload.
 */
export async function compactDocumentMerging(db: Db, docName: string, state: Uint8Array, throughId: number): Promise<void> {
	if (!parseDocName(docName)) throw new Error('compactDocument: not a document name');
	await db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${docName}))`);
		const [snap] = await tx
			.select({ state: docSnapshots.state, throughId: docSnapshots.throughUpdateId })
			.from(docSnapshots)
			.where(eq(docSnapshots.docName, docName));
		const folded = await tx
			.delete(docUpdates)
			.where(and(eq(docUpdates.docName, docName), lte(docUpdates.id, throughId)))
			.returning({ update: docUpdates.update });
		const merged = new Y.Doc();
		merged.transact(() => {
			if (snap) Y.applyUpdate(merged, new Uint8Array(snap.state));
			for (const row of folded) Y.applyUpdate(merged, new Uint8Array(row.update));
			Y.applyUpdate(merged, state);
		});
		const values = {
			docName,
			state: Buffer.from(Y.encodeStateAsUpdate(merged)),
			throughUpdateId: Math.max(snap?.throughId ?? 0, throughId),
			updatedAt: new Date()
		};
		merged.destroy();
		await tx
			.insert(docSnapshots)
			.values(values)
			.onConflictDoUpdate({ target: docSnapshots.docName, set: { state: values.state, throughUpdateId: values.throughUpdateId, updatedAt: values.updatedAt } });
	});
}

/** Stores the plain projection of a document (text for search and export, JSON for queries). */
export async function saveProjection(db: Db, docName: string, projection: Projection): Promise<void> {
	const values = { docName, text: projection.text, json: projection.json, updatedAt: new Date() };
	await db
		.insert(docProjections)
		.values(values)
		.onConflictDoUpdate({ target: docProjections.docName, set: { text: values.text, json: values.json, updatedAt: values.updatedAt } });
}

/** The stored projection of a document, or null when none was written yet. */
export async function readProjection(db: Db, docName: string): Promise<(Projection & { updatedAt: Date }) | null> {
	const [row] = await db
		.select({ text: docProjections.text, json: docProjections.json, updatedAt: docProjections.updatedAt })
		.from(docProjections)
		.where(eq(docProjections.docName, docName))
		.limit(1);
	return row ? { text: row.text, json: (row.json ?? {}) as Projection['json'], updatedAt: row.updatedAt } : null;
}
