/**
 * Presence (Yjs awareness) as the server lets it through:
 * - a client id belongs to the principal whose connection first claimed it, for as long as that
 *   principal is connected to the document and for a grace period after (`PresenceClaims`):
 *   nobody else can take over a presence that just dropped off;
 * - a state carries only allowed fields (`sanitizePresence`): `user` with the name the server
 *   knows (the display name from the session, or the neutral label a document kind chooses)
 *   and a valid colour, and an editor's `cursor` (two Yjs relative positions); anything else a
 *   client sends is dropped, and a state over the size limit is emptied;
 * - who sees a state is decided per receiver (`mayKnowOrganisation`, rule 3): a supplier's
 *   connection never receives the state (the name) of another supplier's people, nor its removal.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { mayKnowOrganisation, type Actor, type OrganisationRef } from '../../src/lib/server/access/policy.ts';

export interface PresenceEntry {
	clientId: number;
	clock: number;
	/** null: the client left. */
	state: Record<string, unknown> | null;
}

/**
 * Most entries read from one awareness message; the rest are ignored, never an error. A browser
 * tab sends its own entry, but every y-websocket client also sends back each state it received:
 * after a reconnect wave in a 150-phone workshop, each phone echoes one message of 150 entries.
 * Until 2026-12-07 more than 64 entries closed the connection as malformed (4400, final for
 * y-websocket), which disconnected every board of a large workshop when the phase changed (the
 * "missing" vote observations of the workshop benchmark). Work stays bounded by this limit and the
 * message size limit.
 */
export const MAX_ENTRIES = 512;
/** Largest state kept from a client, as JSON (a name, a colour and a cursor are ~300 bytes). */
export const MAX_STATE_CHARS = 4 * 1024;
/** Longest root-type name kept in a cursor position. */
const MAX_TNAME = 128;

/** Decodes an awareness update. Throws on anything malformed. */
export function decodePresence(update: Uint8Array): PresenceEntry[] {
	const decoder = decoding.createDecoder(update);
	const n = Math.min(decoding.readVarUint(decoder), MAX_ENTRIES);
	const out: PresenceEntry[] = [];
	for (let i = 0; i < n; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const raw = decoding.readVarString(decoder);
		let state: unknown = null;
		if (raw.length <= MAX_STATE_CHARS) state = JSON.parse(raw);
		else state = {};
		out.push({ clientId, clock, state: state === null ? null : isPlainObject(state) ? state : {} });
	}
	return out;
}

export function encodePresence(entries: PresenceEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(encoder, e.clientId);
		encoding.writeVarUint(encoder, e.clock);
		encoding.writeVarString(encoder, JSON.stringify(e.state));
	}
	return encoding.toUint8Array(encoder);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const COLOR = /^#[0-9a-f]{6}$/i;

const isUint = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function isId(v: unknown): boolean {
	return isPlainObject(v) && Object.keys(v).length === 2 && isUint(v.client) && isUint(v.clock);
}

/** A Yjs relative position as `Y.relativePositionToJSON` writes it, and nothing else. */
function isRelativePosition(v: unknown): boolean {
	if (!isPlainObject(v)) return false;
	for (const [k, x] of Object.entries(v)) {
		if (k === 'type' || k === 'item') {
			if (x !== null && x !== undefined && !isId(x)) return false;
		} else if (k === 'tname') {
			if (x !== null && x !== undefined && !(typeof x === 'string' && x.length <= MAX_TNAME)) return false;
		} else if (k === 'assoc') {
			if (!Number.isSafeInteger(x)) return false;
		} else return false;
	}
	return true;
}

/**
 * The state as stored and broadcast: only allowed fields. `user` is set by the server (only a
 * valid `#rrggbb` colour is kept from what the client claims); `cursor` is kept when it is null
 * or exactly `{ anchor, head }` relative positions; every other field is dropped.
 */
export function sanitizePresence(state: Record<string, unknown>, identity: { name: string }): Record<string, unknown> {
	const claimed = isPlainObject(state.user) ? state.user : {};
	const user: Record<string, string> = { name: identity.name };
	if (typeof claimed.color === 'string' && COLOR.test(claimed.color)) user.color = claimed.color;
	const out: Record<string, unknown> = { user };
	const cursor = state.cursor;
	if (cursor === null) out.cursor = null;
	else if (isPlainObject(cursor) && Object.keys(cursor).length === 2 && isRelativePosition(cursor.anchor) && isRelativePosition(cursor.head)) {
		out.cursor = { anchor: cursor.anchor, head: cursor.head };
	}
	return out;
}

/** The organisation presence is attributed to: a user's organisation; none for a guest. */
export function organisationOf(actor: Actor): OrganisationRef | null {
	return actor.kind === 'user' ? { id: actor.organisationId, kind: actor.organisationKind } : null;
}

/**
 * Whether `viewer` may receive presence attributed to `subject` (rule 3). Unknown attribution
 * (`undefined`) is treated like no organisation: suppliers do not get it.
 */
export function mayReceivePresence(viewer: Actor, subject: OrganisationRef | null | undefined): boolean {
	return mayKnowOrganisation(viewer, subject ?? null);
}

/** Who holds a client id, and who held it last. */
export interface Claim<C> {
	principal: string;
	/** The connection holding it; null once it disconnected (within the grace period). */
	conn: C | null;
	/** The organisation presence under this id is shown as belonging to. */
	organisation: OrganisationRef | null;
	/** When its connection closed (ms since epoch). */
	releasedAt: number;
}

/**
 * Ownership of awareness client ids on one document. An id belongs to the principal (user or
 * guest) whose connection claimed it first. Another connection of the same principal may take it
 * over (a reload in the same tab); another principal may not while the owner is connected to the
 * document, nor for `graceMs` after the owner's connection closed.
 */
export class PresenceClaims<C extends { principal: string; clientIds: Set<number> }> {
	private readonly claims = new Map<number, Claim<C>>();
	private readonly graceMs: number;
	constructor(graceMs: number) {
		this.graceMs = graceMs;
	}

	/**
	 * Records that `conn` sets the state of `clientId`; false when the id is someone else's.
	 * `connected(principal)` says whether that principal still has a connection on the document.
	 */
	claim(conn: C, clientId: number, organisation: OrganisationRef | null, now: number, connected: (principal: string) => boolean): boolean {
		const held = this.claims.get(clientId);
		if (held && held.conn !== conn) {
			if (held.principal !== conn.principal) {
				const stillOwned = held.conn !== null || connected(held.principal) || now - held.releasedAt < this.graceMs;
				if (stillOwned) return false;
			}
			held.conn?.clientIds.delete(clientId);
		}
		this.claims.set(clientId, { principal: conn.principal, conn, organisation, releasedAt: 0 });
		conn.clientIds.add(clientId);
		return true;
	}

	/** Whether `conn` holds `clientId` now. */
	holds(conn: C, clientId: number): boolean {
		return this.claims.get(clientId)?.conn === conn;
	}

	/** Releases every id `conn` holds (it closed); returns them. Forgets claims past the grace period. */
	release(conn: C, now: number): number[] {
		const released: number[] = [];
		for (const id of conn.clientIds) {
			const held = this.claims.get(id);
			if (held?.conn !== conn) continue;
			held.conn = null;
			held.releasedAt = now;
			released.push(id);
		}
		for (const [id, held] of this.claims) {
			if (held.conn === null && now - held.releasedAt >= this.graceMs) this.claims.delete(id);
		}
		return released;
	}

	/** Who holds `clientId` (or held it, within the grace period). */
	ownerOf(clientId: number): Claim<C> | undefined {
		return this.claims.get(clientId);
	}

	/**
	 * Records that `clientId` belongs to `principal` on another process (multi-process mode).
	 * Kept like a claim whose connection just closed: nobody here may take the id over for the
	 * grace period, which every presence message from the owner's process starts again. A local
	 * connection holding the id keeps it (the first claim wins, as on one process).
	 */
	adopt(clientId: number, principal: string, organisation: OrganisationRef | null, now: number): boolean {
		const held = this.claims.get(clientId);
		if (held?.conn) return held.principal === principal;
		if (held && held.principal !== principal && now - held.releasedAt < this.graceMs) return false;
		this.claims.set(clientId, { principal, conn: null, organisation, releasedAt: now });
		return true;
	}

	/** The organisation presence under `clientId` is attributed to (undefined: unknown id). */
	organisationOf(clientId: number): OrganisationRef | null | undefined {
		return this.claims.get(clientId)?.organisation;
	}
}
