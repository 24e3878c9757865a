/**
 * The vote budget rule of the workshop engine, the one place it is enforced: workshop votes
 * (`castVote`) and a sprint room's dots and straw poll (`sprints/live` `castDot`) both spend
 * through it. Inside the caller's transaction it locks the row that guards the votes (the
 * workshop, the sprint room) with `SELECT … FOR UPDATE`, lets the caller check that row again
 * (phase, lock), counts the voter's votes so far and refuses with 409 `vote_budget_exhausted`
 * once the budget is spent; only then is the vote inserted. Parallel requests queue on the lock,
 * so none can overspend.
 */
import { count, eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/index.ts';
import { ApiError } from '../http/api.ts';

export const VOTE_BUDGET_EXHAUSTED = 'vote_budget_exhausted';

export interface VoteBudgetRule<T extends PgTable> {
	/** The row that guards the votes, locked for the rest of the transaction. */
	lock: { table: T; id: PgColumn; value: string };
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

/** Spends one vote of the budget, or throws 409 `vote_budget_exhausted`. Call inside a transaction. */
export async function castWithinBudget<T extends PgTable>(tx: Tx, rule: VoteBudgetRule<T>): Promise<void> {
	const [row] = (await tx
		.select()
		.from(rule.lock.table as PgTable)
		.where(eq(rule.lock.id, rule.lock.value))
		.for('update')) as Array<T['$inferSelect']>;
	if (!row) throw new ApiError(404, 'not_found', 'Det du röstar i finns inte längre.');
	await rule.check?.(row);
	const [used] = await tx.select({ n: count() }).from(rule.votes.table).where(rule.votes.voter);
	const budget = typeof rule.budget === 'function' ? rule.budget(row) : rule.budget;
	if (Number(used?.n ?? 0) >= budget) throw new ApiError(409, VOTE_BUDGET_EXHAUSTED, rule.message);
	await rule.insert();
}
