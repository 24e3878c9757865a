import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, DEFAULT_LIMITS } from './validate.ts';

function edit(fn: (doc: Y.Doc) => void, base?: Y.Doc): Uint8Array {
	const doc = new Y.Doc();
	if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	fn(doc);
	return Y.mergeUpdates(updates);
}

describe('checkUpdate', () => {
	it('accepts a real edit and returns only what is new', () => {
		const server = new Y.Doc();
		const update = edit((d) => d.getText('t').insert(0, 'Behov: färre fall'));
		const result = checkUpdate(server, update);
		expect(result.status).toBe('ok');
		if (result.status === 'ok') {
			const copy = new Y.Doc();
			Y.applyUpdate(copy, result.update);
			expect(copy.getText('t').toString()).toBe('Behov: färre fall');
		}
	});

	it('treats an update the document already has as a no-op', () => {
		const server = new Y.Doc();
		const update = edit((d) => d.getText('t').insert(0, 'redan här'));
		Y.applyUpdate(server, update);
		expect(checkUpdate(server, update).status).toBe('noop');
		expect(checkUpdate(server, Y.encodeStateAsUpdate(server)).status).toBe('noop');
	});

	it('treats re-sent deletions as a no-op but a new deletion as an edit', () => {
		const server = new Y.Doc();
		Y.applyUpdate(server, edit((d) => d.getText('t').insert(0, 'abcdef')));
		const deletion = edit((d) => d.getText('t').delete(1, 2), server);
		expect(checkUpdate(server, deletion).status).toBe('ok');
		Y.applyUpdate(server, deletion);
		// A reconnecting client sends its whole state, deletions included: nothing new.
		expect(checkUpdate(server, Y.encodeStateAsUpdate(server)).status).toBe('noop');
		expect(server.getText('t').toString()).toBe('adef');
	});

	it('refuses empty, truncated and garbage updates without throwing', () => {
		const server = new Y.Doc();
		const good = edit((d) => d.getText('t').insert(0, 'hej hej'));
		expect(checkUpdate(server, new Uint8Array()).status).toBe('invalid');
		expect(checkUpdate(server, good.slice(0, good.length - 3)).status).toBe('invalid');
		expect(checkUpdate(server, new Uint8Array(12).fill(255)).status).toBe('invalid');
		for (let i = 0; i < 300; i++) {
			const random = crypto.getRandomValues(new Uint8Array(1 + (i % 60)));
			expect(() => checkUpdate(server, random)).not.toThrow();
		}
	});

	it('refuses an update over the size limit', () => {
		const server = new Y.Doc();
		const big = edit((d) => d.getText('t').insert(0, 'x'.repeat(2000)));
		expect(checkUpdate(server, big, { ...DEFAULT_LIMITS, maxBytes: 1000 })).toEqual({ status: 'invalid', reason: 'too_large' });
	});

	it('refuses structs and deleted ranges longer than the limit', () => {
		const server = new Y.Doc();
		const long = edit((d) => d.getText('t').insert(0, 'y'.repeat(500)));
		expect(checkUpdate(server, long, { ...DEFAULT_LIMITS, maxStructLength: 100 }).status).toBe('invalid');
		Y.applyUpdate(server, long);
		const removal = edit((d) => d.getText('t').delete(0, 400), server);
		expect(checkUpdate(server, removal, { ...DEFAULT_LIMITS, maxStructLength: 100 }).status).toBe('invalid');
	});
});
