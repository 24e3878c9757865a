/**
 * Re-authorization by disconnecting. When access may have changed (a role changed, a member was
 * removed, the phase moved on, a session ended) the affected connections are checked against
 * the policy again, and those whose answer changed are closed: with `accessChanged` when they
 * still have access (the client reconnects and gets its new level), `forbidden` when they have
 * none, `unauthenticated` when the session is gone. A periodic sweep catches what no event
 * announced (a session that simply expired).
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
