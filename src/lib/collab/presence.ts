/**
 * Presence (Yjs awareness) as the page shows it. Names come from the server: it overwrites the
 * `user` field of every awareness entry with the display name it knows for that connection, so
 * what we read here is never another client's claim about itself.
 */

/** One person shown as present. */
export interface Peer {
	/** Awareness client id of one of their connections. */
	clientId: number;
	name: string;
	color: string;
}

const MAX_NAME = 80;
const HEX = /^#[0-9a-fA-F]{6}$/;

/** Colours with at least 4.5:1 contrast against white text, used for carets and name tags. */
export const PEER_COLORS = ['#0b4f6c', '#8a3b00', '#1e6b32', '#6b2d83', '#a1121d', '#005f73', '#5c4b00', '#3d4db7'];

/** A stable colour for an id (used until the server's colour arrives, and when it sends none). */
export function colorFor(seed: string): string {
	let h = 0;
	for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
	return PEER_COLORS[h % PEER_COLORS.length];
}

/**
 * Other people present in a document, one entry per name (a person with two tabs open is shown
 * once), in a stable order. Our own client id is left out; entries without a name (not yet
 * stamped by the server) are left out too.
 */
export function peersFrom(states: Map<number, Record<string, unknown>>, selfClientId: number): Peer[] {
	const byName = new Map<string, Peer>();
	for (const [clientId, state] of states) {
		if (clientId === selfClientId || !state) continue;
		const user = state.user as { name?: unknown; color?: unknown } | undefined;
		if (!user || typeof user.name !== 'string') continue;
		const name = user.name.trim().slice(0, MAX_NAME);
		if (!name) continue;
		const color = typeof user.color === 'string' && HEX.test(user.color) ? user.color : colorFor(name);
		const seen = byName.get(name);
		if (!seen || clientId < seen.clientId) byName.set(name, { clientId, name, color });
	}
	return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** Joins names as the language does: "A, B och C" in Swedish, "A, B, and C" in English. */
export function listNames(names: string[], locale: string): string {
	return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}
