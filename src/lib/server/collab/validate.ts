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
import { deletedIndexOf, type DeletedIndex } from './deleted-index.ts';
import { scanUpdate, type ScannedUpdate } from './scan.ts';

export interface UpdateLimits {
	/** Largest accepted update, bytes (the socket's message limit also applies). */
	maxBytes: number;
	/** Most structs in one update. */
	maxStructs: number;
	/** Longest single struct (characters or array items), and longest deleted range. */
	maxStructLength: number;
	/** Most deleted ranges in one update (as sent, before merging). */
	maxDeleteRanges: number;
	/**
	 * Most decoded items (structs plus deleted ranges as sent) in one update: the work of
	 * checking it grows with this and nothing else, so it bounds the work per message.
	 */
	maxWork: number;
	/**
	 * Most structs of the document visited to confirm that ranges missing from the delete index
	 * are deleted; beyond it the deletion counts as new (stored and applied, which is harmless).
	 */
	maxStructVisits: number;
}

export const DEFAULT_LIMITS: UpdateLimits = {
	maxBytes: 1024 * 1024,
	maxStructs: 100_000,
	maxStructLength: 8 * 1024 * 1024,
	maxDeleteRanges: 200_000,
	maxWork: 250_000,
	maxStructVisits: 10_000
};

/** Clocks in Yjs are 53-bit safe integers; a larger value can only come from a crafted update. */
const MAX_CLOCK = 2 ** 40;

export type CheckResult =
	| { status: 'ok'; update: Uint8Array }
	| { status: 'noop' }
	| { status: 'invalid'; reason: string; work?: number };

/**
 * Whether the sorted, merged ranges of one client delete anything `doc` has not deleted yet.
 * The index answers most ranges by binary search; a range it does not cover is checked on the
 * structs (GC structs can arrive without entering a delete set), sharing one visit budget.
 */
function deletesSomethingNew(doc: Y.Doc, index: DeletedIndex, client: number, ranges: Array<{ clock: number; len: number }>, budget: { visits: number }): boolean {
	const structs = doc.store.clients.get(client);
	if (!structs?.length) return true;
	const last = structs[structs.length - 1];
	const known = last.id.clock + last.length;
	for (const d of ranges) {
		if (index.covers(client, d.clock, d.len)) continue;
		const end = d.clock + d.len;
		if (end > known) return true;
		let i = Y.findIndexSS(structs, d.clock);
		for (let at = d.clock; at < end; i++) {
			if (--budget.visits < 0) return true;
			const s = structs[i];
			if (!s || !s.deleted) return true;
			at = s.id.clock + s.length;
		}
		index.add(client, d.clock, d.len);
	}
	return false;
}

/**
 * Validates `update` against `doc` and reduces it to what is new. Never throws: any failure
 * to decode is reported as `invalid`. The cost is bounded by the update's own size: it is
 * scanned once without building Yjs objects (`scan.ts`); its size in decoded items is limited
 * (`maxWork`); repeated or overlapping deleted ranges are merged while reading; and each merged
 * range costs one binary search in the document's delete index. Only an update that adds
 * something is decoded by Yjs and reduced to its new part (`Y.diffUpdate`).
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits = DEFAULT_LIMITS): CheckResult {
	if (update.byteLength === 0) return { status: 'invalid', reason: 'empty' };
	if (update.byteLength > limits.maxBytes) return { status: 'invalid', reason: 'too_large' };
	let scanned: ScannedUpdate;
	try {
		scanned = scanUpdate(update);
	} catch {
		return { status: 'invalid', reason: 'malformed' };
	}
	const work = scanned.structs + scanned.deleteRanges;
	if (work > limits.maxWork) return { status: 'invalid', reason: 'too_much_work', work };
	if (scanned.structs > limits.maxStructs) return { status: 'invalid', reason: 'too_many_structs', work };
	if (scanned.deleteRanges > limits.maxDeleteRanges) return { status: 'invalid', reason: 'too_many_deletes', work };
	if (scanned.longestStruct > limits.maxStructLength) return { status: 'invalid', reason: 'struct_out_of_range' };
	if (scanned.emptyDelete || scanned.longestDelete > limits.maxStructLength) return { status: 'invalid', reason: 'delete_out_of_range' };
	if (scanned.maxClock > MAX_CLOCK) return { status: 'invalid', reason: 'clock_out_of_range' };
	const newStructs = scanned.structRuns.some((run) => run.contentEnd > Y.getState(doc.store, run.client));
	if (!newStructs) {
		const index = deletedIndexOf(doc);
		const budget = { visits: limits.maxStructVisits };
		let newDeletes = false;
		for (const [client, ranges] of scanned.deletes) {
			if (deletesSomethingNew(doc, index, client, ranges, budget)) {
				newDeletes = true;
				break;
			}
		}
		if (!newDeletes) return { status: 'noop' };
	}
	try {
		return { status: 'ok', update: Y.diffUpdate(update, Y.encodeStateVector(doc)) };
	} catch {
		return { status: 'invalid', reason: 'malformed' };
	}
}
