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
 *
 * This runs on every keystroke, so the two inserts go to the database as one simple query with
 * typed literals (`db/literals.ts`): one implicit transaction, one trip (into WebAssembly, with
 * PGlite) instead of a BEGIN/INSERT/INSERT/COMMIT sequence of parameterised queries. Two plain
 * statements plan faster than one statement joining them with a CTE (measured; docs/collab.md).
 */
export async function appendUpdates(db: Db, docName: string, entries: AppendEntry[]): Promise<number> {
	if (!entries.length) throw new Error('appendUpdates: nothing to append');
	if (!parseDocName(docName)) throw new Error('appendUpdates: not a document name');
	const name = lit.text(docName);
	const updateRows = entries.map((e) => `(${name}, ${lit.bytes(e.update)}, ${lit.timestamp(e.at)})`).join(', ');
	const ledgerRows = entries
		.filter((e) => e.author && (e.author.userId || e.author.guestId))
		.map((e) => `(${name}, ${lit.uuid(e.author!.userId)}, ${lit.uuid(e.author!.guestId)}, ${lit.uuid(e.author!.organisationId)}, ${lit.int(e.update.byteLength)}, ${lit.timestamp(e.at)})`)
		.join(', ');
	const statements = [`insert into ${getTableName(docUpdates)} (doc_name, update, created_at) values ${updateRows} returning id`];
	if (ledgerRows) statements.push(`insert into ${getTableName(docLedger)} (doc_name, user_id, guest_id, organisation_id, bytes, at) values ${ledgerRows}`);
	const [ids] = await simpleQuery(db, statements.join(';\n'));
	return Math.max(...ids.map((r) => Number(r.id)));
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
