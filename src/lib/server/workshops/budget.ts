/**
 * The vote budget rule of the workshop engine, the one place it is enforced: workshop votes
 * (`castVote`) and a sprint room's dots and straw poll (`sprints/live` `castDot`) both spend
 * through it. Inside the caller's transaction it takes two locks (`lockVoter`):
 *  - the row that guards the votes (the workshop, the sprint room) `FOR SHARE`: its phase, lock
 *    and budget cannot change until the vote commits (a phase change, a settings change or a
 *    guest's removal updates or locks that row `FOR UPDATE`, so it waits for the votes in flight,
 *    and votes that come after it wait for it and see its result);
 *  - the voter's own lock (a transaction-scoped advisory lock on the guarded row and the voter):
 *    two requests of one voter run one after the other, so they cannot both spend the last vote.
 * It then lets the caller check the row again (phase, lock), counts the voter's votes so far and
 * refuses with 409 `vote_budget_exhausted` once the budget is spent; only then is the vote
 * inserted. The budget is per voter, so different voters never wait for each other: before,
 * every vote of a workshop locked the workshop row `FOR UPDATE`, and 150 guests voting at once
 * queued behind each other's transactions (issue 17, `docs/workshops.md`).
 */
import { count, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/index.ts';
import { ApiError } from '../http/api.ts';

export const VOTE_BUDGET_EXHAUSTED = 'vote_budget_exhausted';

export interface VoteBudgetRule<T extends PgTable> {
	/** The row that guards the votes, locked (shared) for the rest of the transaction. */
	lock: { table: T; id: PgColumn; value: string };
	/**
	 * Names the voter (e.g. `guest:<id>`): the voter's requests are serialised on it, and the
	 * guarded row is only share-locked. Without it the guarded row is locked `FOR UPDATE`, so all
	 * votes on it run one after another (fine for a sprint room's handful of people).
	 */
	voter?: string;
	/** Checks on the locked row before counting (phase, lock, removal); throws to refuse. */
	check?: (row: T['$inferSelect']) => void | Promise<void>;
	/** Votes one voter may have at once: a number, or read from the locked row. */
	budget: number | ((row: T['$inferSelect']) => number);
	/** The voter's votes so far: the votes table and the condition that selects this voter's. */
	votes: { table: PgTable; voter: SQL | undefined };
	/** The refusal's message (Swedish, shown to the voter). */
	message: string;
	/** Inserts the vote, once it fits in the budget. */
	insert: () => Promise<unknown>;
}

/**
 * Inside a transaction: locks the guarded row `FOR SHARE` and the voter's own advisory lock (see
 * above; without a voter, the row `FOR UPDATE`), and returns the row as it is now, or null when
 * it is gone. For every change of a voter's votes (casting, taking back).
 */
export async function lockVoter<T extends PgTable>(tx: Tx, lock: { table: T; id: PgColumn; value: string }, voter: string | undefined): Promise<T['$inferSelect'] | null> {
	const table = lock.table as PgTable;
	if (voter === undefined) {
		const [row] = (await tx.select().from(table).where(eq(lock.id, lock.value)).for('update')) as Array<T['$inferSelect']>;
		return row ?? null;
	}
	// One round trip for both locks: the advisory lock is taken as the row is read (another
	// transaction can only hold the row against us for a phase change or a removal, which never
	// wait for a voter's lock, so the two cannot deadlock).
	const [found] = await tx
		.select({ row: getTableColumns(table), voterLock: sql`pg_advisory_xact_lock(hashtext(${lock.value}), hashtext(${voter}))` })
		.from(table)
		.where(eq(lock.id, lock.value))
		.for('share');
	return (found?.row as T['$inferSelect'] | undefined) ?? null;
}

/** Spends one vote of the budget, or throws 409 `vote_budget_exhausted`. Call inside a transaction. */
export async function castWithinBudget<T extends PgTable>(tx: Tx, rule: VoteBudgetRule<T>): Promise<void> {
	const row = await lockVoter(tx, rule.lock, rule.voter);
	if (!row) throw new ApiError(404, 'not_found', 'Det du röstar i finns inte längre.');
	// Both read after the locks; sent together (one round trip where the driver pipelines).
	const [, [used]] = await Promise.all([rule.check?.(row), tx.select({ n: count() }).from(rule.votes.table).where(rule.votes.voter)]);
	const budget = typeof rule.budget === 'function' ? rule.budget(row) : rule.budget;
	if (Number(used?.n ?? 0) >= budget) throw new ApiError(409, VOTE_BUDGET_EXHAUSTED, rule.message);
	await rule.insert();
}
