/**
 * Live-document names: `<kind>.<uuid>`, parsed here and nowhere else. The kinds themselves are
 * defined by their capabilities and registered in `live-kinds.ts` (see `collab/kinds.ts`);
 * unknown kinds and malformed ids are refused.
 */
import type { Db } from '../db/index.ts';
import type { Actor } from './policy.ts';
import { isUuid } from './scope.ts';
import { docKind } from '../collab/kinds.ts';
// Every kind registers itself there (one line per kind); imported for that effect.
import '../live-kinds.ts';

export interface DocName {
	kind: string;
	id: string;
	name: string;
}

/** Parses `<kind>.<uuid>`; null for anything else (unknown kind, bad id, extra parts). */
export function parseDocName(name: string): DocName | null {
	const match = /^([a-z][a-z_]{0,31})\.([0-9a-f-]{36})$/.exec(name);
	if (!match) return null;
	const [, kind, id] = match;
	if (!docKind(kind) || !isUuid(id)) return null;
	return { kind, id: id.toLowerCase(), name: `${kind}.${id.toLowerCase()}` };
}

/** The policy target of a document for this actor, or null when unknown or nonexistent. */
export async function resolveDoc(db: Db, actor: Actor, name: string) {
	const parsed = parseDocName(name);
	if (!parsed) return null;
	const kind = docKind(parsed.kind)!;
	const target = await kind.target(db, actor, parsed.id);
	return target ? { doc: parsed, target, kind } : null;
}
