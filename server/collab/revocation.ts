/**
 * Re-authorization by disconnecting. When access may have changed (a role changed, a member was
 * removed, the phase moved on, a session ended) the affected connections are checked against
 * the policy again, and those whose answer changed are closed: with `accessChanged` when they
 * still have access (the client reconnects and gets its new level), `forbidden` when they have
 * none, `unauthenticated` when the session is gone. A periodic re-check catches what no event
 * announced (a session that simply expired): every connection is asked about again once per
 * interval, spread evenly over it (`dueForRecheck`) rather than all at once.
 */
import type { AccessChanged } from '../../src/lib/server/events.ts';
import type { App } from '../../src/lib/server/app.ts';
import { resolveActor } from '../../src/lib/server/auth/actor.ts';
import { limitsFrom, peekSession } from '../../src/lib/server/auth/session.ts';
import { CLOSE } from '../../src/lib/collab/protocol.ts';
import { accessFor } from './handshake.ts';
import type { Connection } from './connection.ts';

/** Whether an event may concern this connection. */
export function affects(event: AccessChanged, conn: Connection): boolean {
	if (event.sessionId) return conn.sessionId === event.sessionId;
	if (event.workshopId && conn.workshopId !== event.workshopId) return false;
	if (event.initiativeId && conn.initiativeId !== event.initiativeId) return false;
	if (event.userId && !(conn.actor.kind === 'user' && conn.actor.userId === event.userId)) return false;
	return Boolean(event.workshopId || event.initiativeId || event.userId);
}

export type Verdict = 'keep' | 'changed' | 'forbidden' | 'unauthenticated';

/** Lets socket I/O run: PGlite answers queries within microtasks, so a chain of them never yields. */
export const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Asks the policy again, for the identity the connection was opened with. */
export async function recheck(app: App, conn: Connection): Promise<Verdict> {
	const actor =
		conn.actor.kind === 'user'
			? conn.sessionId
				? await peekSession(app.db, conn.sessionId, limitsFrom(app.config))
				: null
			: (await resolveActor(app, (name) => conn.cookies.get(name))).actor;
	if (!actor || actor.kind === 'anonymous') return 'unauthenticated';
	const principal = actor.kind === 'user' ? `user:${actor.userId}` : `guest:${actor.guestId}`;
	if (principal !== conn.principal) return 'unauthenticated';
	// Between the session lookup and the policy's queries, so live traffic waits for one at most.
	await yieldToIo();
	const access = await accessFor(app, actor, conn.docName);
	if (!access) return 'forbidden';
	if (access.level !== conn.level || access.canWrite !== conn.canWrite || access.presenceName !== conn.presenceName) return 'changed';
	return 'keep';
}

export const CLOSE_FOR: Record<Exclude<Verdict, 'keep'>, { code: number; reason: string }> = {
	changed: { code: CLOSE.accessChanged, reason: 'access changed' },
	forbidden: { code: CLOSE.forbidden, reason: 'access removed' },
	unauthenticated: { code: CLOSE.unauthenticated, reason: 'session ended' }
};

/**
 * The connections the periodic re-check should ask about on this tick: those not checked for a
 * whole interval, oldest first, and no more than twice the even share of one tick (so that 50
 * connections opened together are not all re-checked in the same moment 30 s later, which held
 * every document's updates back behind 50 × a few database queries). Whatever is left over is
 * due on the next tick: in steady state every connection is checked once per interval plus a
 * tick or two, and when all fall due at once (after a stall) they are through within half an
 * interval more. New connections get a random `checkedAt` within the last interval
 * (`initialCheckedAt`).
 */
export function dueForRecheck<C extends { checkedAt: number }>(conns: Iterable<C>, now: number, intervalMs: number, tickMs: number): C[] {
	const all = [...conns];
	const due = all.filter((c) => now - c.checkedAt >= intervalMs).sort((a, b) => a.checkedAt - b.checkedAt);
	const share = Math.max(1, Math.ceil((2 * all.length * tickMs) / intervalMs));
	return due.slice(0, share);
}

/** A new connection's first re-check comes after a random part of the interval. */
export function initialCheckedAt(now: number, intervalMs: number, random = Math.random): number {
	return now - Math.floor(random() * intervalMs);
}

/** How often the re-check looks for due connections. */
export function recheckTickMs(intervalMs: number): number {
	return Math.max(10, Math.min(250, Math.floor(intervalMs / 8)));
}
