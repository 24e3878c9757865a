import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverOnlyRootsViolation } from './roots.ts';

function server(): Y.Doc {
	const doc = new Y.Doc();
	doc.getMap('tally').set('g1', 3);
	doc.getMap<Y.Map<unknown>>('cards').set('c1', new Y.Map());
	return doc;
}

function clientEdit(base: Y.Doc, fn: (doc: Y.Doc) => void): Uint8Array {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
	const sv = Y.encodeStateVector(doc);
	fn(doc);
	return Y.encodeStateAsUpdate(doc, sv);
}

describe('serverOnlyRootsViolation', () => {
	it('accepts an update that leaves the protected roots alone', () => {
		const doc = server();
		const update = clientEdit(doc, (d) => d.getMap<Y.Map<unknown>>('cards').get('c1')!.set('groupId', 'g1'));
		expect(serverOnlyRootsViolation(doc, update, ['tally'])).toBeNull();
	});

	it('refuses setting, overwriting or deleting an entry of a protected root', () => {
		const doc = server();
		for (const fn of [(d: Y.Doc) => d.getMap('tally').set('g2', 1), (d: Y.Doc) => d.getMap('tally').set('g1', 99), (d: Y.Doc) => d.getMap('tally').delete('g1')]) {
			expect(serverOnlyRootsViolation(doc, clientEdit(doc, fn), ['tally'])).toBe('server_only_root');
		}
		// The document itself is not touched by the check.
		expect(doc.getMap('tally').toJSON()).toEqual({ g1: 3 });
	});

	it('checks structs that waited for a dependency when an update from a connection completes them', () => {
		const doc = server();
		// One client: its second update needs its first (Yjs integrates a client's clocks in order).
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
		const updates: Uint8Array[] = [];
		client.on('update', (u: Uint8Array) => updates.push(u));
		client.getMap('cards').set('c2', new Y.Map());
		client.getMap('tally').set('g2', 99);
		const [first, waiting] = updates;
		// Without its dependency nothing is written yet: accepted (a real client can send this).
		expect(serverOnlyRootsViolation(doc, waiting, ['tally'])).toBeNull();
		Y.applyUpdate(doc, waiting);
		expect(doc.store.pendingStructs).not.toBeNull();
		// The update that completes it is refused: the waiting tally write would land with it.
		expect(serverOnlyRootsViolation(doc, first, ['tally'])).toBe('server_only_root');
	});

	it('costs nothing for a kind without protected roots', () => {
		expect(serverOnlyRootsViolation(server(), new Uint8Array([1, 2, 3]), [])).toBeNull();
	});
});
