/**
 * The live requirements draft, read on the server. Through the collab server when it is
 * attached (`app.liveDocs`, so unsaved-in-memory state is included), otherwise straight from
 * storage (snapshot + tail), which is what the collab server itself would load.
 */
import * as Y from 'yjs';
import type { App } from '../app.ts';
import { loadDocument } from '../collab/store.ts';
import { projectRequirements, type RequirementsJson } from '../../shapes/requirements.ts';
import { resolveNeedLinks } from './need-links.ts';

export function requirementsDocName(initiativeId: string): string {
	return `requirements.${initiativeId}`;
}

/** Applies `fn` to the current state of a document, read-only. */
export async function readDoc<T>(app: App, docName: string, fn: (doc: Y.Doc) => T): Promise<T> {
	if (app.liveDocs) return app.liveDocs.read(docName, fn);
	const stored = await loadDocument(app.db, docName);
	const doc = new Y.Doc();
	try {
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(doc, u);
		return fn(doc);
	} finally {
		doc.destroy();
	}
}

/**
 * The current draft of an initiative as JSON (document order). Each requirement's `text` is the
 * plain-text projection of its rich text (old documents with a plain `Y.Text` read the same way),
 * so API clients, versions and exports never see markup. Need links are resolved inside the
 * initiative (`need-links.ts`): an id of another initiative's need never leaves the document,
 * and so never reaches a published version either.
 */
export async function readDraft(app: App, initiativeId: string): Promise<RequirementsJson> {
	const projected = await readDoc(app, requirementsDocName(initiativeId), projectRequirements);
	const { sections, requirements } = await resolveNeedLinks(app.db, initiativeId, projected);
	return { sections, requirements };
}
