/**
 * What a live document has deleted, as Yjs's own structure for it: a `DeleteSet` of sorted,
 * merged `[clock, clock + len)` ranges per client. The update validator asks it whether a
 * deleted range is already deleted with a binary search, instead of walking the document's
 * structs for every range: a walk per range let one 0.8 MB update (190 000 copies of one range
 * over 50 000 deleted characters) keep the server busy for a minute.
 *
 * The index is built once per document from its struct store and kept current from every
 * transaction's delete set. It may under-report (a GC struct that arrives inside a client's
 * update is deleted without entering the transaction's delete set); the validator then checks
 * the structs themselves, within a budget, and records what it confirmed here.
 */
import * as Y from 'yjs';

interface Range {
	clock: number;
	len: number;
}

export class DeletedIndex {
	/** Per client: disjoint ranges sorted by clock, adjacent ones merged. */
	private readonly clients = new Map<number, Range[]>();

	constructor(doc: Y.Doc) {
		const ds = Y.createDeleteSetFromStructStore(doc.store);
		for (const [client, items] of ds.clients) this.clients.set(client, items.map((d) => ({ clock: d.clock, len: d.len })));
		doc.on('afterTransaction', (tr: Y.Transaction) => {
			for (const [client, items] of tr.deleteSet.clients) for (const d of items) this.add(client, d.clock, d.len);
		});
	}

	/** True when every clock of `[clock, clock + len)` of `client` is recorded as deleted. */
	covers(client: number, clock: number, len: number): boolean {
		const ranges = this.clients.get(client);
		if (!ranges) return false;
		const i = lastStartingAtOrBefore(ranges, clock);
		return i >= 0 && ranges[i].clock + ranges[i].len >= clock + len;
	}

	/** Records `[clock, clock + len)` of `client` as deleted, merging with its neighbours. */
	add(client: number, clock: number, len: number): void {
		if (!(len > 0)) return;
		let ranges = this.clients.get(client);
		if (!ranges) this.clients.set(client, (ranges = []));
		let start = clock;
		let end = clock + len;
		// First range that could touch [start, end): the last one starting at or before `start`.
		let i = Math.max(0, lastStartingAtOrBefore(ranges, start));
		if (i < ranges.length && ranges[i].clock + ranges[i].len < start) i++;
		let j = i;
		while (j < ranges.length && ranges[j].clock <= end) {
			start = Math.min(start, ranges[j].clock);
			end = Math.max(end, ranges[j].clock + ranges[j].len);
			j++;
		}
		ranges.splice(i, j - i, { clock: start, len: end - start });
	}

	/** Number of ranges held (for tests). */
	get size(): number {
		let n = 0;
		for (const r of this.clients.values()) n += r.length;
		return n;
	}
}

/** Index of the last range whose clock is ≤ `clock`, or -1. */
function lastStartingAtOrBefore(ranges: Range[], clock: number): number {
	let lo = 0;
	let hi = ranges.length - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		if (ranges[mid].clock <= clock) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return found;
}

const indexes = new WeakMap<Y.Doc, DeletedIndex>();

/** The document's index, built on first use and kept current from then on. */
export function deletedIndexOf(doc: Y.Doc): DeletedIndex {
	let index = indexes.get(doc);
	if (!index) indexes.set(doc, (index = new DeletedIndex(doc)));
	return index;
}
