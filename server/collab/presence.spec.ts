import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { decodePresence, encodePresence, sanitizePresence } from './presence.ts';

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
		expect(sanitizePresence({ user: { name: 'Chefen', color: '#aa0000', id: 'x' }, cursor: 1 }, { name: 'Tomas' })).toEqual({
			user: { name: 'Tomas', color: '#aa0000' },
			cursor: 1
		});
		expect(sanitizePresence({ user: { color: 'red; background:url(x)' } }, { name: 'Tomas' })).toEqual({ user: { name: 'Tomas' } });
		expect(sanitizePresence({}, { name: 'Deltagare' })).toEqual({ user: { name: 'Deltagare' } });
	});

	it('refuses malformed presence messages', () => {
		expect(() => decodePresence(new Uint8Array([1, 5]))).toThrow();
		expect(() => decodePresence(new Uint8Array([200, 1]))).toThrow();
	});

	it('turns a non-object state into an empty one, and keeps a departure as null', () => {
		const bad = encodePresence([{ clientId: 7, clock: 2, state: null }]);
		expect(decodePresence(bad)).toEqual([{ clientId: 7, clock: 2, state: null }]);
		const e = new TextEncoder();
		const raw = new Uint8Array([1, 7, 3, 7, ...e.encode('"hello"')]);
		expect(decodePresence(raw)).toEqual([{ clientId: 7, clock: 3, state: {} }]);
	});
});
