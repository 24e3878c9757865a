/**
 * Checks an update received from a client before anything is stored or applied.
 *
 * Untrusted Yjs updates are the live-document server's biggest attack surface: a malformed one
 * can throw deep inside Yjs (or, with old lib0 versions, loop forever: yjs issues 498 and 687),
 * and an absurd one can make a document grow without bound. So every update is decoded in full
 * here, under limits, before it reaches the document. The result is the *new* part of the
 * update only (structs the document does not have yet, plus the delete set): that is what is
 * stored, applied, broadcast and attributed in the ledger. An update that adds nothing (a
 * reconnecting client re-sending what the server already has) is a no-op and is not recorded,
 * so nobody becomes a "contributor" by merely opening a document.
 */
import * as Y from 'yjs';

export interface UpdateLimits {
	/** Largest accepted update, bytes (the socket's message limit also applies). */
	maxBytes: number;
	/** Most structs in one update. */
	maxStructs: number;
	/** Longest single struct (characters or array items), and longest deleted range. */
	maxStructLength: number;
	/** Most deleted ranges in one update. */
	maxDeleteRanges: number;
}

export const DEFAULT_LIMITS: UpdateLimits = {
	maxBytes: 1024 * 1024,
	maxStructs: 100_000,
	maxStructLength: 8 * 1024 * 1024,
	maxDeleteRanges: 200_000
};

/** Clocks in Yjs are 53-bit safe integers; a larger value can only come from a crafted update. */
const MAX_CLOCK = 2 ** 40;

export type CheckResult =
	| { status: 'ok'; update: Uint8Array }
	| { status: 'noop' }
	| { status: 'invalid'; reason: string };

/** True when every clock of `[clock, clock + len)` of `client` is already deleted in `doc`. */
function alreadyDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
	const structs = doc.store.clients.get(client);
	if (!structs?.length) return false;
	const last = structs[structs.length - 1];
	if (clock + len > last.id.clock + last.length) return false;
	let i = Y.findIndexSS(structs, clock);
	const end = clock + len;
	for (let at = clock; at < end; i++) {
		const s = structs[i];
		if (!s) return false;
		if (!s.deleted) return false;
		at = s.id.clock + s.length;
	}
	return true;
}

/**
 * Validates `update` against `doc` and reduces it to what is new. Never throws: any failure
 * to decode is reported as `invalid`.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits = DEFAULT_LIMITS): CheckResult {
	if (update.byteLength === 0) return { status: 'invalid', reason: 'empty' };
	if (update.byteLength > limits.maxBytes) return { status: 'invalid', reason: 'too_large' };
	let diff: Uint8Array;
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		diff = Y.diffUpdate(update, Y.encodeStateVector(doc));
		decoded = Y.decodeUpdate(diff);
	} catch {
		return { status: 'invalid', reason: 'malformed' };
	}
	if (decoded.structs.length > limits.maxStructs) return { status: 'invalid', reason: 'too_many_structs' };
	for (const s of decoded.structs) {
		if (!(s.length >= 0) || s.length > limits.maxStructLength || s.id.clock + s.length > MAX_CLOCK) {
			return { status: 'invalid', reason: 'struct_out_of_range' };
		}
	}
	let ranges = 0;
	let newDeletes = false;
	for (const [client, items] of decoded.ds.clients) {
		for (const d of items) {
			ranges++;
			if (!(d.len > 0) || d.len > limits.maxStructLength || d.clock + d.len > MAX_CLOCK) {
				return { status: 'invalid', reason: 'delete_out_of_range' };
			}
			if (!newDeletes && !alreadyDeleted(doc, client, d.clock, d.len)) newDeletes = true;
		}
	}
	if (ranges > limits.maxDeleteRanges) return { status: 'invalid', reason: 'too_many_deletes' };
	const newStructs = decoded.structs.some((s) => !(s instanceof Y.Skip));
	if (!newStructs && !newDeletes) return { status: 'noop' };
	return { status: 'ok', update: diff };
}
