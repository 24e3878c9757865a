import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { decodePresence, encodePresence, MAX_ENTRIES, PresenceClaims, sanitizePresence } from './presence.ts';

describe('presence', () => {
	it('decodes what y-protocols encodes, and encodes what it decodes', () => {
		const awareness = new awarenessProtocol.Awareness(new Y.Doc());
		awareness.setLocalState({ user: { name: 'Anna', color: '#336699' }, cursor: { anchor: 1 } });
		const entries = decodePresence(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
		expect(entries).toEqual([{ clientId: awareness.clientID, clock: 1, state: { user: { name: 'Anna', color: '#336699' }, cursor: { anchor: 1 } } }]);
		const other = new awarenessProtocol.Awareness(new Y.Doc());
		awarenessProtocol.applyAwarenessUpdate(other, encodePresence(entries), null);
		expect(other.getStates().get(awareness.clientID)).toEqual(entries[0].state);
	});

	it('replaces the claimed name with the server-known one and keeps only a valid colour', () => {
		expect(sanitizePresence({ user: { name: 'Chefen', color: '#aa0000', id: 'x' } }, { name: 'Tomas' })).toEqual({
			user: { name: 'Tomas', color: '#aa0000' }
		});
		expect(sanitizePresence({ user: { color: 'red; background:url(x)' } }, { name: 'Tomas' })).toEqual({ user: { name: 'Tomas' } });
		expect(sanitizePresence({}, { name: 'Deltagare' })).toEqual({ user: { name: 'Deltagare' } });
	});

	it('refuses malformed presence messages', () => {
		expect(() => decodePresence(new Uint8Array([1, 5]))).toThrow();
		expect(() => decodePresence(new Uint8Array([200, 1]))).toThrow();
	});

	it('accepts the echo of a 150-person workshop, and reads no more than the entry limit of a larger one', () => {
		const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ clientId: i + 1, clock: 1, state: { user: { name: `Gäst ${i}` } } }));
		expect(decodePresence(encodePresence(entries(150)))).toHaveLength(150);
		expect(decodePresence(encodePresence(entries(MAX_ENTRIES + 500)))).toHaveLength(MAX_ENTRIES);
	});

	it('turns a non-object state into an empty one, and keeps a departure as null', () => {
		const bad = encodePresence([{ clientId: 7, clock: 2, state: null }]);
		expect(decodePresence(bad)).toEqual([{ clientId: 7, clock: 2, state: null }]);
		const e = new TextEncoder();
		const raw = new Uint8Array([1, 7, 3, 7, ...e.encode('"hello"')]);
		expect(decodePresence(raw)).toEqual([{ clientId: 7, clock: 3, state: {} }]);
	});

	it('keeps only allowed fields: user (name from the server, colour) and an editor cursor', () => {
		const rel = (tname: string) => ({ type: null, tname, item: { client: 12, clock: 3 }, assoc: 0 });
		const cursor = { anchor: rel('default'), head: rel('default') };
		expect(sanitizePresence({ user: { color: '#336699' }, cursor, avatar: 'https://evil.example', html: '<b>' }, { name: 'Anna' })).toEqual({
			user: { name: 'Anna', color: '#336699' },
			cursor
		});
		expect(sanitizePresence({ cursor: null }, { name: 'Anna' })).toEqual({ user: { name: 'Anna' }, cursor: null });
	});

	it('drops a cursor that is not exactly two relative positions', () => {
		const ok = { tname: 'default', assoc: 0 };
		for (const cursor of [
			1,
			'x',
			{ anchor: ok },
			{ anchor: ok, head: ok, extra: 1 },
			{ anchor: { ...ok, script: 'x' }, head: ok },
			{ anchor: { item: { client: -1, clock: 0 } }, head: ok },
			{ anchor: { item: { client: 1, clock: 0, x: 1 } }, head: ok },
			{ anchor: { tname: 'x'.repeat(200) }, head: ok },
			{ anchor: { assoc: 0.5 }, head: ok }
		]) {
			expect(sanitizePresence({ cursor }, { name: 'Anna' }), JSON.stringify(cursor).slice(0, 40)).toEqual({ user: { name: 'Anna' } });
		}
	});

	it('empties a state over the size limit', () => {
		const e = new TextEncoder();
		const big = JSON.stringify({ user: { color: '#336699' }, pad: 'x'.repeat(5000) });
		const raw = new Uint8Array([1, 7, 3, ...encodeLength(big.length), ...e.encode(big)]);
		expect(decodePresence(raw)).toEqual([{ clientId: 7, clock: 3, state: {} }]);
	});
});

function encodeLength(n: number): number[] {
	const out: number[] = [];
	while (n > 127) {
		out.push((n & 127) | 128);
		n >>>= 7;
	}
	out.push(n);
	return out;
}

describe('PresenceClaims', () => {
	const conn = (principal: string) => ({ principal, clientIds: new Set<number>() });
	const nobody = () => false;

	it('gives a client id to the first connection that claims it, and to no other person', () => {
		const claims = new PresenceClaims<ReturnType<typeof conn>>(60_000);
		const anna = conn('user:anna');
		const bo = conn('user:bo');
		expect(claims.claim(anna, 1, null, 0, nobody)).toBe(true);
		expect(claims.claim(bo, 1, null, 10, nobody)).toBe(false);
		expect(claims.holds(anna, 1)).toBe(true);
	});

	it('lets another connection of the same person take the id over', () => {
		const claims = new PresenceClaims<ReturnType<typeof conn>>(60_000);
		const tab = conn('user:anna');
		const reload = conn('user:anna');
		claims.claim(tab, 1, null, 0, nobody);
		expect(claims.claim(reload, 1, null, 5, nobody)).toBe(true);
		expect(tab.clientIds.has(1)).toBe(false);
		expect(claims.release(tab, 6)).toEqual([]);
	});

	it('keeps the id for its person while they are connected, and for the grace period after', () => {
		const claims = new PresenceClaims<ReturnType<typeof conn>>(60_000);
		const anna = conn('user:anna');
		const bo = conn('user:bo');
		claims.claim(anna, 1, null, 0, nobody);
		expect(claims.release(anna, 1000)).toEqual([1]);
		expect(claims.claim(bo, 1, null, 30_000, nobody)).toBe(false);
		expect(claims.claim(bo, 1, null, 70_000, (p) => p === 'user:anna')).toBe(false);
		expect(claims.claim(bo, 1, null, 61_001, nobody)).toBe(true);
	});

	it('remembers which organisation a presence belongs to, after its connection closed too', () => {
		const claims = new PresenceClaims<ReturnType<typeof conn>>(60_000);
		const anna = conn('user:anna');
		claims.claim(anna, 1, { id: 'org-1', kind: 'supplier' }, 0, nobody);
		claims.release(anna, 10);
		expect(claims.organisationOf(1)).toEqual({ id: 'org-1', kind: 'supplier' });
		expect(claims.organisationOf(2)).toBeUndefined();
	});
});
