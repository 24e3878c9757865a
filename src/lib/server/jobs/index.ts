/**
 * Scheduled work from a durable schedule: reminders before deadlines, steps that a deadline
 * triggers. Jobs live in the `jobs` table, so they survive restarts; a due job is claimed with
 * `FOR UPDATE SKIP LOCKED` (two runners, in one process or several, never take the same job),
 * and its handler runs inside the same transaction that marks it done — so its writes and the
 * "done" mark commit together, and a job never fires twice. A handler that throws has its
 * writes rolled back (a savepoint) and is tried again later with backoff, at most MAX_ATTEMPTS
 * times.
 *
 * Time comes from `app.clock`, so tests move the clock and call `runDue` instead of waiting.
 * Capabilities register their handlers with `registerJob` (see `handlers.ts` for the list).
 */
import { registry } from '../registry.ts';
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { jobs } from '../db/schema/index.ts';
import type { Tx } from '../db/index.ts';
import type { App } from '../app.ts';

export interface Job {
	id: string;
	kind: string;
	key: string;
	runAt: Date;
	payload: Record<string, unknown>;
	attempts: number;
}

export interface JobContext {
	app: App;
	/** The transaction that also marks the job done: write through it. */
	tx: Tx;
	job: Job;
	/** The clock's time when the job was claimed. */
	now: Date;
}

export type JobHandler = (ctx: JobContext) => Promise<void>;

/** After this many failed attempts a job is marked failed and left alone (visible to operators). */
export const MAX_ATTEMPTS = 5;

const handlers = registry<JobHandler>('jobs');

/** Registers the handler of a job kind (both copies of the server code register the same one). */
export function registerJob(kind: string, handler: JobHandler): void {
	handlers.set(kind, handler);
}

export interface ScheduleInput {
	kind: string;
	/** Unique identity; scheduling an existing, not yet done key moves it (new time and payload). */
	key: string;
	runAt: Date;
	payload?: Record<string, unknown>;
}

/**
 * Schedules a job in the caller's transaction (so it exists exactly when the change that wants
 * it commits). A key that already ran is left as it is: what happened is not undone or redone.
 */
export async function schedule(tx: Tx, input: ScheduleInput): Promise<void> {
	await tx
		.insert(jobs)
		.values({ kind: input.kind, key: input.key, runAt: input.runAt, payload: input.payload ?? {} })
		.onConflictDoUpdate({
			target: jobs.key,
			set: { kind: input.kind, runAt: input.runAt, payload: input.payload ?? {}, attempts: 0, lastError: null, failedAt: null },
			setWhere: isNull(jobs.doneAt)
		});
}

/** Removes pending jobs whose key starts with `prefix` (e.g. every reminder of a withdrawn round). */
export async function cancel(tx: Tx, prefix: string): Promise<void> {
	const escaped = prefix.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_');
	await tx.delete(jobs).where(and(isNull(jobs.doneAt), sql`${jobs.key} like ${escaped + '%'}`));
}

/** Backoff after a failed attempt: 30 s, 2 min, 8 min, … */
export function retryDelayMs(attempts: number): number {
	return 30_000 * 4 ** Math.max(0, attempts - 1);
}

/**
 * Claims and runs one due job; false when none is due. Each job gets its own transaction, so
 * one slow or failing job never holds back the others' commits.
 */
export async function runOne(app: App): Promise<boolean> {
	const now = app.clock.now();
	return app.db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(jobs)
			.where(and(isNull(jobs.doneAt), isNull(jobs.failedAt), lte(jobs.runAt, now)))
			.orderBy(asc(jobs.runAt))
			.limit(1)
			.for('update', { skipLocked: true });
		if (!row) return false;
		const job: Job = { id: row.id, kind: row.kind, key: row.key, runAt: row.runAt, payload: (row.payload ?? {}) as Record<string, unknown>, attempts: row.attempts };
		const handler = handlers.get(row.kind);
		const attempts = row.attempts + 1;
		try {
			if (!handler) throw new Error(`no handler for job kind ${row.kind}`);
			await tx.transaction((inner) => handler({ app, tx: inner, job, now }));
			await tx.update(jobs).set({ doneAt: now, attempts, lastError: null }).where(eq(jobs.id, row.id));
			app.log.info('job.done', { kind: row.kind, key: row.key, attempts });
		} catch (err) {
			const message = err instanceof Error ? err.message : String(err);
			const failed = attempts >= MAX_ATTEMPTS || !handler;
			await tx
				.update(jobs)
				.set({ attempts, lastError: message.slice(0, 2000), runAt: new Date(now.getTime() + retryDelayMs(attempts)), failedAt: failed ? now : null })
				.where(eq(jobs.id, row.id));
			app.log[failed ? 'error' : 'warn']('job.failed', { kind: row.kind, key: row.key, attempts, error: message, final: failed });
		}
		return true;
	});
}

/** Runs every job that is due now (at most `limit`); returns how many ran. */
export async function runDue(app: App, limit = 500): Promise<number> {
	let ran = 0;
	while (ran < limit && (await runOne(app))) ran++;
	return ran;
}

/**
 * Runs due jobs every `intervalMs` until stopped; also delivers queued mail after each round.
 * One round at a time: a slow round is never overlapped by the next.
 */
export function startRunner(app: App, intervalMs: number): { stop(): Promise<void> } {
	let running: Promise<unknown> | null = null;
	let stopped = false;
	const tick = () => {
		if (running || stopped) return;
		running = runDue(app)
			.then(() => app.mailer.flush())
			.catch((err) => app.log.error('jobs.tick_failed', { error: err instanceof Error ? err.message : String(err) }))
			.finally(() => (running = null));
	};
	const timer = setInterval(tick, intervalMs);
	timer.unref();
	tick();
	return {
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
		}
	};
}
