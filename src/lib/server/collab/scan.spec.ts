import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { scanUpdate } from './scan.ts';

/** Every kind of content a client can write: strings, formats, embeds, any, binary, types, XML. */
const op = fc.oneof(
	fc.record({ k: fc.constant('text'), at: fc.nat(40), s: fc.string({ unit: 'binary', maxLength: 8 }) }),
	fc.record({ k: fc.constant('format'), at: fc.nat(40), n: fc.nat(5) }),
	fc.record({ k: fc.constant('embed'), at: fc.nat(40) }),
	fc.record({ k: fc.constant('del'), at: fc.nat(40), n: fc.nat(6) }),
	fc.record({ k: fc.constant('map'), key: fc.string({ maxLength: 3 }), v: fc.jsonValue({ maxDepth: 2 }) }),
	fc.record({ k: fc.constant('mapdel'), key: fc.string({ maxLength: 3 }) }),
	fc.record({ k: fc.constant('array'), at: fc.nat(10), v: fc.array(fc.oneof(fc.integer(), fc.string(), fc.boolean()), { maxLength: 3 }) }),
	fc.record({ k: fc.constant('bytes'), v: fc.uint8Array({ maxLength: 6 }) }),
	fc.record({ k: fc.constant('xml'), name: fc.constantFrom('paragraph', 'heading'), s: fc.string({ maxLength: 5 }) }),
	fc.record({ k: fc.constant('nested') }),
	fc.record({ k: fc.constant('sub') })
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(doc: Y.Doc, o: Op): void {
	const text = doc.getText('t');
	const clamp = (n: number) => Math.min(n, text.length);
	switch (o.k) {
		case 'text': return text.insert(clamp(o.at), o.s);
		case 'format': return text.format(0, clamp(o.n), { bold: true });
		case 'embed': return text.insertEmbed(clamp(o.at), { image: 'x.png' });
		case 'del': return text.delete(clamp(o.at), Math.min(o.n, text.length - clamp(o.at)));
		case 'map': doc.getMap('m').set(o.key, o.v as unknown); return;
		case 'mapdel': return doc.getMap('m').delete(o.key);
		case 'array': { const a = doc.getArray('a'); return a.insert(Math.min(o.at, a.length), o.v); }
		case 'bytes': return doc.getArray('a').push([o.v]);
		case 'xml': { const el = new Y.XmlElement(o.name); el.insert(0, [new Y.XmlText(o.s)]); return doc.getXmlFragment('x').push([el]); }
		case 'nested': { const m = new Y.Map(); doc.getMap('m').set('inner', m); m.set('a', 1); return; }
		case 'sub': doc.getMap('m').set('doc', new Y.Doc()); return;
	}
}

describe('scanUpdate', () => {
	it('measures every update a Yjs client writes exactly as Yjs decodes it', () => {
		fc.assert(
			fc.property(fc.array(fc.array(op, { maxLength: 6 }), { minLength: 1, maxLength: 6 }), (steps) => {
				const doc = new Y.Doc();
				const updates: Uint8Array[] = [];
				doc.on('update', (u: Uint8Array) => updates.push(u));
				for (const step of steps) doc.transact(() => step.forEach((o) => apply(doc, o)));
				for (const u of [...updates, Y.encodeStateAsUpdate(doc), ...(updates.length ? [Y.mergeUpdates(updates)] : [])]) {
					const scanned = scanUpdate(u);
					const decoded = Y.decodeUpdate(u);
					expect(scanned.structs).toBe(decoded.structs.length);
					expect(scanned.longestStruct).toBe(Math.max(0, ...decoded.structs.map((s) => s.length)));
					let ranges = 0;
					for (const items of decoded.ds.clients.values()) ranges += items.length;
					expect(scanned.deleteRanges).toBe(ranges);
					const merged = Y.mergeDeleteSets([decoded.ds]);
					for (const [client, items] of merged.clients) {
						expect(scanned.deletes.get(client)).toEqual(items.map((d) => ({ clock: d.clock, len: d.len })));
					}
					for (const run of scanned.structRuns) {
						const mine = decoded.structs.filter((s) => s.id.client === run.client);
						const last = mine[mine.length - 1];
						expect(run.end).toBe(last.id.clock + last.length);
					}
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('refuses what Yjs cannot decode: unknown content, unknown types, bad JSON, truncation, trailing bytes', () => {
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'hej');
		const good = Y.encodeStateAsUpdate(doc);
		expect(() => scanUpdate(good)).not.toThrow();
		expect(() => scanUpdate(good.slice(0, -1))).toThrow();
		expect(() => scanUpdate(new Uint8Array([...good, 0]))).toThrow();
		// One struct: info byte with content ref 11, 12 (unknown) and a type ref 9.
		for (const bytes of [[1, 1, 5, 0, 11, 1, 1, 116], [1, 1, 5, 0, 12, 1, 1, 116], [1, 1, 5, 0, 7, 1, 1, 116, 9]]) {
			const u = new Uint8Array([...bytes, 0]);
			expect(() => scanUpdate(u)).toThrow();
			expect(() => Y.decodeUpdate(u)).toThrow();
		}
		// An embed whose JSON does not parse.
		const embed = new Uint8Array([1, 1, 5, 0, 5, 1, 1, 116, 2, 123, 123, 0]);
		expect(() => scanUpdate(embed)).toThrow();
		expect(() => Y.decodeUpdate(embed)).toThrow();
	});

	it('merges repeated and unordered deleted ranges while reading', () => {
		const e = [0, 1, 9, 4, /* ranges */ 10, 5, 0, 5, 0, 5, 3, 2];
		const scanned = scanUpdate(new Uint8Array(e));
		expect(scanned.deleteRanges).toBe(4);
		expect(scanned.deletes.get(9)).toEqual([{ clock: 0, len: 5 }, { clock: 10, len: 5 }]);
	});
});
