/**
 * Hand-built Yjs updates for tests of the update validator: what a hostile client could send,
 * which no Yjs client would produce.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

/** A V1 update with no structs and the given deleted ranges of one client, in this order. */
export function deleteOnlyUpdate(client: number, ranges: Array<[clock: number, len: number]>): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0); // no structs
	encoding.writeVarUint(e, 1); // one client in the delete set
	encoding.writeVarUint(e, client);
	encoding.writeVarUint(e, ranges.length);
	for (const [clock, len] of ranges) {
		encoding.writeVarUint(e, clock);
		encoding.writeVarUint(e, len);
	}
	return encoding.toUint8Array(e);
}

/** `copies` repetitions of the deleted range `[0, len)` of `client`. */
export function repeatedDeleteUpdate(client: number, len: number, copies: number): Uint8Array {
	return deleteOnlyUpdate(client, Array.from({ length: copies }, () => [0, len] as [number, number]));
}

/**
 * The state of a text that once held `chars` characters, typed by `client` at alternating ends
 * (so each character stays its own struct), then all deleted: the worst case for a validator
 * that walks the structs of each deleted range.
 */
export function deletedTextState(client: number, chars: number, name = 't'): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = client;
	const text = doc.getText(name);
	for (let i = 0; i < chars; i++) text.insert(i % 2 ? 0 : text.length, 'x');
	text.delete(0, text.length);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return state;
}
