/**
 * Live-document names: `<kind>.<uuid>`, parsed here and nowhere else. Each kind says how to
 * find the policy target for a document; unknown kinds and malformed ids are refused.
 */
import type { Db } from '../db/index.ts';
import { initiativeScope, isUuid } from './scope.ts';
import type { Action, Actor, Target } from './policy.ts';
import { workshopDocKind } from '../workshops/doc-kind.ts';

export interface DocKind {
	/** Resolves the policy target of `<kind>.<id>` for this actor; null when it does not exist. */
	target(db: Db, actor: Actor, id: string): Promise<(Target & { initiativeId: string }) | null>;
	/**
	 * Level needed to send updates over the socket (default `write`). A kind whose changes must
	 * go through server commands (e.g. anonymous workshop cards, votes) sets `admin`, so that
	 * ordinary participants receive the document read-only and act through the API.
	 */
	socketWrite?: Action;
	/**
	 * The name shown in presence for an actor (default: their display name). Anonymous
	 * workshops return a neutral label so presence cannot link people to cards.
	 */
	presenceName?: (actor: Actor) => string;
}

function initiativeDoc(resource: 'brief' | 'requirements'): DocKind {
	return {
		async target(db, actor, id) {
			const scope = await initiativeScope(db, actor, id);
			return scope ? { resource, initiative: scope, initiativeId: scope.initiativeId } : null;
		}
	};
}

/** Registry of document kinds. Modules with live documents add their kind here. */
export const DOC_KINDS: Record<string, DocKind> = {
	brief: initiativeDoc('brief'),
	requirements: initiativeDoc('requirements'),
	workshop: workshopDocKind
};

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
	if (!Object.hasOwn(DOC_KINDS, kind) || !isUuid(id)) return null;
	return { kind, id: id.toLowerCase(), name: `${kind}.${id.toLowerCase()}` };
}

/** The policy target of a document for this actor, or null when unknown or nonexistent. */
export async function resolveDoc(db: Db, actor: Actor, name: string) {
	const parsed = parseDocName(name);
	if (!parsed) return null;
	const target = await DOC_KINDS[parsed.kind].target(db, actor, parsed.id);
	return target ? { doc: parsed, target } : null;
}
