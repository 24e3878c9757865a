/**
 * Live-document kinds: everything the collab server needs to know about one kind of document
 * (`<kind>.<uuid>`), in one object that the capability owning the kind defines in its own
 * module (`src/lib/server/<capability>/doc-kind.ts`) and registers in `live-kinds.ts`.
 *
 * The server core (handshake, write pipeline, presence, projection) only ever asks the kind;
 * it knows no kind by name. Adding a kind (RFI answers, sprint rooms, …) is one new file and
 * one registration line.
 */
import type * as Y from 'yjs';
import type { Db } from '../db/index.ts';
import type { Action, Actor, Target } from '../access/policy.ts';
import type { Projection } from './projection.ts';

/** A kind's own answer to a refused connection (see `LiveDocKind.refusal`). */
export interface DocRefusal {
	status: 403 | 409;
	code: string;
	message: string;
}

export interface LiveDocKind {
	/** The name before the dot: lower case letters and `_`, at most 32 characters. */
	name: string;
	/** Resolves the policy target of `<kind>.<id>` for this actor; null when it does not exist. */
	target(db: Db, actor: Actor, id: string): Promise<(Target & { initiativeId: string }) | null>;
	/**
	 * Asked only when a connection is refused (no target, or no level): the kind's own answer for
	 * an actor who may know the document exists but may not open it yet (a sprint room whose
	 * supplier has not accepted the terms: 409 `terms_not_accepted`, as its HTTP routes answer).
	 * null keeps the usual 403, which reveals nothing; the kind must return null to anyone who
	 * may not know the document exists.
	 */
	refusal?(db: Db, actor: Actor, id: string): Promise<DocRefusal | null>;
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
	/**
	 * Root types only the server writes (through `app.liveDocs.change`). An update from a
	 * connection that touches one — or cannot be fully integrated, so that it cannot be checked —
	 * is refused (4400), whatever the connection's level.
	 */
	serverOnlyRoots?: readonly string[];
	/**
	 * Extra validation of an update from a connection, after the generic checks (`validate.ts`):
	 * a refusal reason, or null to accept. Runs on the write path: keep it cheap.
	 */
	validate?: (doc: Y.Doc, update: Uint8Array) => string | null;
	/** The plain projection stored for queries and exports (default: `projectDoc`). */
	project?: (doc: Y.Doc) => Projection;
}

const KIND_NAME = /^[a-z][a-z_]{0,31}$/;
const kinds = new Map<string, LiveDocKind>();

/** Registers a kind. Throws on a malformed or duplicate name (a programming error). */
export function registerDocKind(kind: LiveDocKind): void {
	if (!KIND_NAME.test(kind.name)) throw new Error(`invalid live-document kind name: ${kind.name}`);
	if (kinds.has(kind.name)) throw new Error(`live-document kind registered twice: ${kind.name}`);
	kinds.set(kind.name, kind);
}

/** The registered kind, or undefined. */
export function docKind(name: string): LiveDocKind | undefined {
	return kinds.get(name);
}

/** Names of every registered kind (for tests and docs). */
export function docKindNames(): string[] {
	return [...kinds.keys()];
}
