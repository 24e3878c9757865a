import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, DEFAULT_LIMITS } from './validate.ts';
import { deletedIndexOf } from './deleted-index.ts';
import { deleteOnlyUpdate, deletedTextState, repeatedDeleteUpdate } from '../../../../tests/helpers/crafted.ts';

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

describe('checkUpdate: the work is bounded by the update, not by the document', () => {
	const CLIENT = 4242;
	const text = new Y.Doc();
	Y.applyUpdate(text, deletedTextState(CLIENT, 50_000));

	it('answers 190 000 copies of one deleted range over 50 000 deleted structs as a no-op within 50 ms', () => {
		const attack = repeatedDeleteUpdate(CLIENT, 50_000, 190_000);
		expect(attack.byteLength).toBeGreaterThan(700_000);
		expect(text.store.clients.get(CLIENT)!.length).toBe(50_000);
		const cpu: number[] = [];
		for (let i = 0; i < 5; i++) {
			const before = process.cpuUsage();
			expect(checkUpdate(text, attack).status).toBe('noop');
			const used = process.cpuUsage(before);
			cpu.push((used.user + used.system) / 1000);
		}
		// The median, after the first runs warmed the code up (the walk per range took over 60 s).
		expect(cpu.sort((a, b) => a - b)[2]).toBeLessThan(50);
	});

	it('merges repeated, overlapping and unordered ranges before looking anything up', () => {
		const ranges: Array<[number, number]> = [];
		for (let i = 0; i < 20_000; i++) ranges.push([(i * 7919) % 49_000, 1000]);
		expect(checkUpdate(text, deleteOnlyUpdate(CLIENT, ranges)).status).toBe('noop');
	});

	it('still sees a new deletion hidden among repeated old ones', () => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, deletedTextState(CLIENT, 1000));
		const live = edit((d) => d.getText('u').insert(0, 'kvar'));
		Y.applyUpdate(doc, live);
		const liveClient = Y.decodeUpdate(live).structs[0].id.client;
		const ranges: Array<[number, number]> = Array.from({ length: 1000 }, () => [0, 1000]);
		expect(checkUpdate(doc, deleteOnlyUpdate(CLIENT, ranges)).status).toBe('noop');
		const mixed = Y.mergeUpdates([deleteOnlyUpdate(CLIENT, ranges), deleteOnlyUpdate(liveClient, [[1, 2]])]);
		expect(checkUpdate(doc, mixed).status).toBe('ok');
		Y.applyUpdate(doc, mixed);
		expect(doc.getText('u').toString()).toBe('kr');
		expect(checkUpdate(doc, mixed).status).toBe('noop');
	});

	it('refuses an update whose decoded items exceed the work limit', () => {
		const result = checkUpdate(text, repeatedDeleteUpdate(CLIENT, 10, 5000), { ...DEFAULT_LIMITS, maxWork: 4000 });
		expect(result).toMatchObject({ status: 'invalid', reason: 'too_much_work', work: 5000 });
	});

	it('finds deletions missing from the index on the structs themselves, and remembers them', () => {
		// Content under a deleted parent travels as GC structs, which enter no delete set.
		const author = new Y.Doc();
		const note = new Y.Text();
		author.getMap('m').set('note', note);
		note.insert(0, 'borttagen anteckning');
		author.getMap('m').delete('note');
		const server = new Y.Doc();
		const index = deletedIndexOf(server);
		Y.applyUpdate(server, Y.encodeStateAsUpdate(author));
		const gc = [...server.store.clients.get(author.clientID)!].find((s) => s instanceof Y.GC)!;
		expect(gc).toBeDefined();
		expect(index.covers(author.clientID, gc.id.clock, gc.length)).toBe(false);
		expect(checkUpdate(server, Y.encodeStateAsUpdate(author)).status).toBe('noop');
		expect(index.covers(author.clientID, gc.id.clock, gc.length)).toBe(true);
	});
});
