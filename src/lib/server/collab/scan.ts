/**
 * One linear pass over a Yjs update (format V1, what the y-websocket protocol carries) that
 * checks it decodes and measures it, without building Yjs objects: `Y.decodeUpdate` allocates
 * an object per struct and per deleted range, which for a crafted 0.8 MB update of 190 000
 * deleted ranges cost 15–60 ms of CPU before anything was even looked up.
 *
 * The pass reads exactly what Yjs's own reader reads (`lazyStructReaderGenerator`,
 * `readItemContent`, `readDeleteSet` in yjs 13.6), with the same failures: JSON content is
 * parsed, unknown content and type references are refused. Deleted ranges are merged per client
 * as they are read (repeated ranges cost nothing more). Anything it accepts and that turns out
 * to add something is decoded by Yjs again (`Y.diffUpdate`) before it is stored.
 */
import * as decoding from 'lib0/decoding';

export interface ScannedStruct {
	client: number;
	clock: number;
	length: number;
	/** A Skip struct (a gap in a merged update), not content. */
	skip: boolean;
}

export interface ScannedUpdate {
	/**
	 * Per client, its run of structs: `[clock, end)`, and `contentEnd`, the end of its last
	 * struct that is not a Skip (the run adds nothing to a document that has everything below).
	 */
	structRuns: Array<{ client: number; clock: number; end: number; contentEnd: number }>;
	/** Number of structs. */
	structs: number;
	/** Longest single struct. */
	longestStruct: number;
	/** Deleted ranges as sent (before merging). */
	deleteRanges: number;
	/** Longest deleted range as sent. */
	longestDelete: number;
	/** Whether some deleted range is empty (no Yjs encoder writes one). */
	emptyDelete: boolean;
	/** Highest clock any struct or deleted range reaches. */
	maxClock: number;
	/** Per client, sorted, merged deleted ranges. */
	deletes: Map<number, Array<{ clock: number; len: number }>>;
}

/** Type references Yjs knows (YArray … YXmlText); 3 (XmlElement) and 5 (XmlHook) carry a name. */
const TYPE_REFS = 7;

/** Length of an item's content, reading past it; throws where Yjs's reader would. */
function contentLength(d: decoding.Decoder, info: number): number {
	switch (info & 0b11111) {
		case 1: // deleted
			return decoding.readVarUint(d);
		case 2: {
			// JSON
			const len = decoding.readVarUint(d);
			for (let i = 0; i < len; i++) {
				const s = decoding.readVarString(d);
				if (s !== 'undefined') JSON.parse(s);
			}
			return len;
		}
		case 3: // binary
			decoding.readVarUint8Array(d);
			return 1;
		case 4: // string: Yjs counts UTF-16 code units
			return decoding.readVarString(d).length;
		case 5: // embed
			JSON.parse(decoding.readVarString(d));
			return 1;
		case 6: // format
			decoding.readVarString(d);
			JSON.parse(decoding.readVarString(d));
			return 1;
		case 7: {
			// type
			const ref = decoding.readVarUint(d);
			if (ref >= TYPE_REFS) throw new Error('unknown type reference');
			if (ref === 3 || ref === 5) decoding.readVarString(d);
			return 1;
		}
		case 8: {
			// any
			const len = decoding.readVarUint(d);
			for (let i = 0; i < len; i++) decoding.readAny(d);
			return len;
		}
		case 9: // subdocument
			decoding.readVarString(d);
			decoding.readAny(d);
			return 1;
		default:
			throw new Error('unknown content');
	}
}

/** Sorts one client's ranges and merges them into disjoint ones, in place. */
function sortAndMerge(ranges: Array<{ clock: number; len: number }>): void {
	ranges.sort((a, b) => a.clock - b.clock);
	let j = 0;
	for (let i = 1; i < ranges.length; i++) {
		const last = ranges[j];
		const r = ranges[i];
		if (last.clock + last.len >= r.clock) last.len = Math.max(last.len, r.clock + r.len - last.clock);
		else ranges[++j] = r;
	}
	ranges.length = j + 1;
}

/** Scans a V1 update. Throws on anything Yjs could not decode (or trailing garbage). */
export function scanUpdate(update: Uint8Array): ScannedUpdate {
	const d = decoding.createDecoder(update);
	const out: ScannedUpdate = {
		structRuns: [],
		structs: 0,
		longestStruct: 0,
		deleteRanges: 0,
		longestDelete: 0,
		emptyDelete: false,
		maxClock: 0,
		deletes: new Map()
	};
	const clients = decoding.readVarUint(d);
	for (let c = 0; c < clients; c++) {
		const count = decoding.readVarUint(d);
		const client = decoding.readVarUint(d);
		const start = decoding.readVarUint(d);
		let clock = start;
		let contentEnd = start;
		for (let i = 0; i < count; i++) {
			const info = decoding.readUint8(d);
			let length: number;
			if (info === 10) {
				length = decoding.readVarUint(d);
				clock += length;
				out.structs++;
				if (length > out.longestStruct) out.longestStruct = length;
				continue;
			} else if ((info & 0b11111) !== 0) {
				if (info & 0b1000_0000) (decoding.readVarUint(d), decoding.readVarUint(d)); // origin
				if (info & 0b0100_0000) (decoding.readVarUint(d), decoding.readVarUint(d)); // right origin
				if ((info & 0b1100_0000) === 0) {
					// parent: a root type's name, or the id of the parent item
					if (decoding.readVarUint(d) === 1) decoding.readVarString(d);
					else (decoding.readVarUint(d), decoding.readVarUint(d));
					if (info & 0b0010_0000) decoding.readVarString(d); // parentSub (map key)
				}
				length = contentLength(d, info);
			} else {
				length = decoding.readVarUint(d); // GC
			}
			out.structs++;
			if (length > out.longestStruct) out.longestStruct = length;
			clock += length;
			contentEnd = clock;
		}
		out.structRuns.push({ client, clock: start, end: clock, contentEnd });
		if (clock > out.maxClock) out.maxClock = clock;
	}
	const dsClients = decoding.readVarUint(d);
	for (let c = 0; c < dsClients; c++) {
		const client = decoding.readVarUint(d);
		const n = decoding.readVarUint(d);
		if (n === 0) continue;
		let ranges = out.deletes.get(client);
		if (!ranges) out.deletes.set(client, (ranges = []));
		let sorted = ranges.length === 0;
		let prev = -1;
		for (let i = 0; i < n; i++) {
			const clock = decoding.readVarUint(d);
			const len = decoding.readVarUint(d);
			out.deleteRanges++;
			if (len > out.longestDelete) out.longestDelete = len;
			if (len === 0) out.emptyDelete = true;
			if (clock + len > out.maxClock) out.maxClock = clock + len;
			if (clock < prev) sorted = false;
			prev = clock;
			const last = ranges[ranges.length - 1];
			// Merge on the fly while the input is in order (repeats cost no memory).
			if (sorted && last && last.clock <= clock && last.clock + last.len >= clock) {
				last.len = Math.max(last.len, clock + len - last.clock);
			} else ranges.push({ clock, len });
		}
		// Ranges arrive sorted from every Yjs encoder; anything else is sorted here, once.
		if (!sorted) sortAndMerge(ranges);
	}
	if (decoding.hasContent(d)) throw new Error('trailing bytes');
	return out;
}
