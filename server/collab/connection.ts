/**
 * One open WebSocket to one live document, with what the handshake established about it.
 * The policy decided `level` at the upgrade; it is decided again whenever access may have
 * changed (see `revocation.ts`), never trusted from the client.
 */
import type { WebSocket } from 'ws';
import type { Actor, Level } from '../../src/lib/server/access/policy.ts';
import type { ChangeAuthor } from '../../src/lib/server/live-docs.ts';

export interface Connection {
	/** Process-unique number, for logs. */
	id: number;
	ws: WebSocket;
	docName: string;
	actor: Exclude<Actor, { kind: 'anonymous' }>;
	/** `user:<id>` or `guest:<id>`: connections of one principal may hand client ids to each other. */
	principal: string;
	/** The cookies the upgrade carried (session and guest tokens only), to re-check access later. */
	cookies: Map<string, string>;
	/** Session id (never the secret), to close on logout. */
	sessionId: string | null;
	/** Initiative and workshop the document belongs to, to find connections affected by an event. */
	initiativeId: string;
	workshopId: string | null;
	/** The policy's level on the document at the last check. */
	level: Level;
	/** Whether updates from this socket are accepted (else they are dropped: read-only). */
	canWrite: boolean;
	/** Name shown in presence, set by the server. */
	presenceName: string;
	/** Awareness client ids this connection owns. */
	clientIds: Set<number>;
	/** Updates dropped because the connection is read-only (logged once, counted). */
	droppedWrites: number;
	/** When the periodic re-check last asked the policy about this connection (ms since epoch). */
	checkedAt: number;
	ip: string;
	/** Set when the server decided to end the connection: later messages are ignored. */
	ended: boolean;
}

/** The ledger's view of who sent an update on this connection. */
export function authorOf(conn: Connection): ChangeAuthor {
	return conn.actor.kind === 'user'
		? { userId: conn.actor.userId, organisationId: conn.actor.organisationId }
		: { guestId: conn.actor.guestId };
}

/**
 * Ends a connection on the server's decision (revocation, bad message): from now on nothing it
 * sends is processed, even what is already on the way.
 */
export function endConnection(conn: Connection, code: number, reason: string): void {
	conn.ended = true;
	closeSocket(conn.ws, code, reason);
}

/** Closes a socket once, whatever state it is in. */
export function closeSocket(ws: WebSocket, code: number, reason: string): void {
	if (ws.readyState === ws.CLOSED || ws.readyState === ws.CLOSING) return;
	try {
		ws.close(code, reason);
	} catch {
		ws.terminate();
	}
	// A peer that never answers the close handshake must not keep the socket open.
	setTimeout(() => {
		if (ws.readyState !== ws.CLOSED) ws.terminate();
	}, 3000).unref();
}
