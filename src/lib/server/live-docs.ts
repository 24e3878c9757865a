/**
 * The contract between domain code and the live-document server. Domain commands (e.g. a
 * workshop card created by the server so its author stays anonymous) change documents through
 * this interface; the collab server implements it and installs it as `app.liveDocs`.
 */
import type * as Y from 'yjs';

/** Who a server-side change is attributed to in the authorship ledger (null: the system). */
export interface ChangeAuthor {
	userId?: string | null;
	guestId?: string | null;
	organisationId?: string | null;
}

export interface LiveDocs {
	/**
	 * Applies `fn` to the document inside one Yjs transaction. The resulting update is stored
	 * (with `author` in the ledger) before it is broadcast to connected clients. Loads the
	 * document if it is not in memory.
	 */
	change(docName: string, author: ChangeAuthor | null, fn: (doc: Y.Doc) => void): Promise<void>;
	/** Reads the current state of a document (loading it from storage if needed). */
	read<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T>;
}
