/**
 * Re-authorization by disconnecting. When access may have changed (a role changed, a member was
 * removed, the phase moved on, a session ended) the affected connections are checked against
 * the policy again, and those whose answer changed are closed: with `accessChanged` when they
 * still have access (the client reconnects and gets its new level), `forbidden` when they have
 * none, `unauthenticated` when the session is gone. A periodic sweep catches what no event
 * announced (a session that simply expired).
 */
import { eq } from 'drizzle-orm';
import type { AccessChanged } from '../../src/lib/server/events.ts';
import type { App } from '../../src/lib/server/app.ts';
import type { Actor } from '../../src/lib/server/access/policy.ts';
import { resolveActor } from '../../src/lib/server/auth/actor.ts';
import { limitsFrom } from '../../src/lib/server/auth/session.ts';
import { organisations, sessions, users } from '../../src/lib/server/db/schema/index.ts';
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

/**
 * The user behind a connection's session, or null when the session ended (deleted, expired,
 * account disabled). Unlike a request, this check must not count as activity: an open tab
 * alone must not keep a session alive past its inactivity limit, so the session row is read,
 * never touched. (The secret was verified at the upgrade; the id is enough to find the row.)
 */
async function sessionUser(app: App, sessionId: string, now = Date.now()): Promise<Actor | null> {
	const [row] = await app.db
		.select({
			createdAt: sessions.createdAt,
			lastActiveAt: sessions.lastActiveAt,
			userId: users.id,
			name: users.name,
			disabledAt: users.disabledAt,
			organisationId: users.organisationId,
			orgAdmin: users.orgAdmin,
			platformAdmin: users.platformAdmin,
			organisationKind: organisations.kind
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(sessions.id, sessionId))
		.limit(1);
	if (!row || row.disabledAt) return null;
	const limits = limitsFrom(app.config);
	const endsAt = Math.min(row.lastActiveAt.getTime() + limits.idleMs, row.createdAt.getTime() + limits.absoluteMs);
	if (now >= endsAt) return null;
	return {
		kind: 'user',
		userId: row.userId,
		name: row.name,
		organisationId: row.organisationId,
		organisationKind: row.organisationKind,
		orgAdmin: row.orgAdmin,
		platformAdmin: row.platformAdmin
	};
}

/** Asks the policy again, for the identity the connection was opened with. */
export async function recheck(app: App, conn: Connection): Promise<Verdict> {
	const actor =
		conn.actor.kind === 'user'
			? conn.sessionId
				? await sessionUser(app, conn.sessionId)
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
