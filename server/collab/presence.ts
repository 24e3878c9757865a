/**
 * Presence (Yjs awareness) as the server lets it through: a connection may only set the state
 * of the client ids it owns, and the identity in `user.name` is always the one the server knows
 * (the display name from the session, or the neutral label a document kind chooses). Whatever a
 * client claims about itself there is overwritten; only a cursor colour is kept from `user`.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface PresenceEntry {
	clientId: number;
	clock: number;
	/** null: the client left. */
	state: Record<string, unknown> | null;
}

/** Most entries in one awareness message; a browser tab sends one. */
const MAX_ENTRIES = 64;
/** Largest state kept from a client (cursor positions are a few hundred bytes). */
const MAX_STATE_CHARS = 32 * 1024;

/** Decodes an awareness update. Throws on anything malformed. */
export function decodePresence(update: Uint8Array): PresenceEntry[] {
	const decoder = decoding.createDecoder(update);
	const n = decoding.readVarUint(decoder);
	if (n > MAX_ENTRIES) throw new Error('too many presence entries');
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

/** The state as stored and broadcast: the client's fields, with `user` set by the server. */
export function sanitizePresence(state: Record<string, unknown>, identity: { name: string }): Record<string, unknown> {
	const claimed = isPlainObject(state.user) ? state.user : {};
	const user: Record<string, string> = { name: identity.name };
	if (typeof claimed.color === 'string' && COLOR.test(claimed.color)) user.color = claimed.color;
	return { ...state, user };
}
