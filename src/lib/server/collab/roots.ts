/**
 * Whether an update writes to root types that only the server may write (a kind's
 * `serverOnlyRoots`, e.g. the workshop tally). The update's structs do not say which root
 * they belong to (an item names its left neighbour, not its parent), so the update is applied
 * to a copy of the document and Yjs reports which types changed. This costs a copy of the
 * document per update, so it runs only for kinds that declare such roots, and only for
 * updates from connections (the server's own changes are trusted).
 */
import * as Y from 'yjs';

/** Refusal reason, or null when the update leaves the roots alone. */
export function serverOnlyRootsViolation(doc: Y.Doc, update: Uint8Array, roots: readonly string[]): string | null {
	if (!roots.length) return null;
	const copy = new Y.Doc();
	try {
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		let touched = false;
		copy.on('afterTransaction', (tr: Y.Transaction) => {
			for (const type of tr.changed.keys()) {
				// eslint-disable-next-line @typescript-eslint/no-explicit-any
				let root: Y.AbstractType<any> = type;
				// eslint-disable-next-line @typescript-eslint/no-explicit-any
				while (root._item) root = root._item.parent as Y.AbstractType<any>;
				for (const name of roots) if (copy.share.get(name) === root) touched = true;
			}
		});
		Y.applyUpdate(copy, update);
		// An update can wait for something the server does not have yet (a real client's edit may
		// arrive before the state it re-sends after a reconnect), so it cannot be refused for that.
		// Its waiting structs are part of the document's state, so they are checked again with the
		// next update from a connection, when they integrate.
		return touched ? 'server_only_root' : null;
	} catch {
		return 'malformed';
	} finally {
		copy.destroy();
	}
}
