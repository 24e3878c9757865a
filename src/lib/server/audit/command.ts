/**
 * The command layer's one rule for the journal: a change and the journal entries that describe
 * it commit together or not at all. A command that wrote its rows and then failed to journal
 * them (a crash, a bad value the journal's `jsonb` refuses, a lost connection) used to leave a
 * change nobody could account for — exactly what rule 6 forbids. Commands therefore do their
 * writes through `journalled`, and journal through the `journal` function it hands them, which
 * writes into the same transaction.
 *
 * Side effects that cannot be rolled back (live-document writes, events that close sockets,
 * mail) belong after `journalled` returns, once the change is committed.
 */
import type { Tx } from '../db/index.ts';
import { record, type AuditEvent } from './index.ts';

/** Appends one journal entry inside the command's transaction. */
export type Journal = (event: AuditEvent) => Promise<void>;

/**
 * Runs `change` in one transaction (a savepoint when `db` is already a transaction) and
 * returns its result. Anything it throws — an `ApiError` included — rolls back its writes and
 * its journal entries alike.
 */
export async function journalled<T>(db: Tx, change: (tx: Tx, journal: Journal) => Promise<T>): Promise<T> {
	return db.transaction(async (tx) => change(tx, (event) => record(tx, event)));
}
