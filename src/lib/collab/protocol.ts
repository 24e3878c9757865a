/**
 * The wire vocabulary of Brygga's live documents, shared by the server (`server/collab`) and
 * the browser. Messages follow the y-websocket protocol; close codes follow the convention the
 * y-websocket client (3.x) understands: 4400–4499 are final (the client stops reconnecting),
 * other 4xxx codes make it reconnect, and the upgrade is then checked again from scratch.
 */

/** Path prefix of the live-document endpoint: `/yjs/<kind>.<uuid>`. */
export const COLLAB_PATH = '/yjs/';

/** y-websocket message types (first varuint of every message). */
export const MESSAGE = {
	sync: 0,
	awareness: 1,
	auth: 2,
	queryAwareness: 3
} as const;

/** y-protocols sync sub-types. */
export const SYNC = {
	step1: 0,
	step2: 1,
	update: 2
} as const;

export const CLOSE = {
	/** The server is shutting down or restarting; the client reconnects. */
	goingAway: 1001,
	/** The client's access changed (role, phase, workshop state): reconnect, and be checked again. */
	accessChanged: 4205,
	/** A message could not be decoded or broke the protocol. Final. */
	badMessage: 4400,
	/** The session ended (logout, expiry, disabled account). Final: sign in again. */
	unauthenticated: 4401,
	/** The actor no longer has access to this document. Final. */
	forbidden: 4403,
	/** The server could not store an update. The client reconnects and resends its state. */
	storageFailed: 4500
} as const;
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];
