/**
 * Live documents in memory: loading from snapshot + tail, the write pipeline ("stored before
 * broadcast"), fan-out to connections, presence, compaction, projection and unloading.
 *
 * Write pipeline. An accepted update is checked (`checkUpdate`), queued, and committed to the
 * database together with its ledger row. Only after the commit is it applied to the in-memory
 * document, which broadcasts it. The commit is a group commit over all documents of the process
 * (`commits.ts`): updates that arrive in the same event-loop turn or while a commit is in flight
 * are committed together in the next one, so a busy server batches naturally. The in-memory
 * document therefore never holds anything that is not stored: a crash loses nothing a client
 * received.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import type { App } from '../../src/lib/server/app.ts';
import { MESSAGE, SYNC, CLOSE } from '../../src/lib/collab/protocol.ts';
import { parseDocName } from '../../src/lib/server/access/docs.ts';
import type { ChangeAuthor, LiveDocs } from '../../src/lib/server/live-docs.ts';
import * as store from '../../src/lib/server/collab/store.ts';
import { checkUpdate, type UpdateLimits } from '../../src/lib/server/collab/validate.ts';
import { projectDoc } from '../../src/lib/server/collab/projection.ts';
import { docKind, type LiveDocKind } from '../../src/lib/server/collab/kinds.ts';
import { serverOnlyRootsViolation } from '../../src/lib/server/collab/roots.ts';
import { closeSocket, endConnection, type Connection } from './connection.ts';
import { decodePresence, encodePresence, mayReceivePresence, organisationOf, PresenceClaims, sanitizePresence, type PresenceEntry } from './presence.ts';
import type { BridgedDocument, DocumentBridge, OpenChannel, PresenceOwner } from './cluster.ts';
import { CommitPipeline, type CommitQueue } from './commits.ts';

export interface DocumentOptions {
	/** Fold the tail into the snapshot once it has this many updates. */
	compactEvery: number;
	/** Keep a document this long after its last connection closed (absorbs reconnects). */
	unloadAfterMs: number;
	/** Write the projection this long after the last change. */
	projectionDelayMs: number;
	/** Most awareness client ids one connection may own. */
	maxClientIdsPerConnection: number;
	/** How long a client id stays its principal's after their connection closed, ms. */
	presenceGraceMs: number;
	/** A connection whose unsent buffer exceeds this is closed (a reader that cannot keep up). */
	maxBufferedBytes: number;
	/**
	 * Presence changes are sent to each receiver at most this often, ms (`COLLAB_PRESENCE_INTERVAL_MS`,
	 * default 50): within a window, changes are merged per client id (the newest state wins), so a
	 * cursor storm costs one frame per receiver per window, not one per keystroke.
	 */
	presenceIntervalMs: number;
	limits: UpdateLimits;
}

interface Pending extends store.AppendEntry {
	origin: Connection | null;
	resolve(): void;
	reject(err: unknown): void;
}

/** Origin of changes made by the server itself (broadcast to everyone). */
const SERVER_ORIGIN = Symbol('server');
/** Origin of updates and presence that came from another process (already stored; not published again). */
const REMOTE_ORIGIN = Symbol('remote');

function message(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export class LiveDocument implements BridgedDocument, CommitQueue<Pending> {
	readonly name: string;
	/** What kind of document this is (access, validation, projection). */
	readonly kind: LiveDocKind;
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly conns = new Set<Connection>();
	/** Server-side users of the document (LiveDocs calls) that keep it loaded. */
	holds = 0;
	/** Highest stored update id contained in `doc`. */
	throughId: number;
	/** Updates stored since the snapshot. */
	tail: number;
	/** Set when the document has been unloaded; a stale reference must not be used. */
	unloaded = false;
	/**
	 * The Yjs client id of changes the server makes (`LiveDocs.change`), one per loaded document
	 * rather than one per change, so the state vector does not grow with every server command.
	 * Safe because server changes to one document run one after another (`serverChanges`).
	 */
	readonly serverClientId = (Math.random() * 0xffffffff) >>> 0;
	/** Server changes of this document, in order. */
	serverChanges: Promise<void> = Promise.resolve();
	/** This loaded copy, for the sequence numbers of what it publishes to other processes. */
	readonly epoch = ((Math.random() * 0x7fffffff) >>> 0) + 1;
	/** Multi-process mode: the Redis bridge (null with one process). */
	bridge: DocumentBridge | null = null;
	/** The document's Redis subscription, closed when it is unloaded. */
	channel: OpenChannel | null = null;
	/** A reload from the database in progress (after missed cross-process messages). */
	catching: Promise<void> | null = null;
	private catchAgain = false;

	/** Updates checked and waiting for the group commit (`commits.ts`), oldest first. */
	readonly queue: Pending[] = [];
	private readonly commits: CommitPipeline;
	private compacting: Promise<void> | null = null;
	/** Who owns which awareness client id; outlives an unload by the grace period (the registry keeps it). */
	readonly claims: PresenceClaims<Connection>;
	private projectionTimer: NodeJS.Timeout | null = null;
	private projectionDirty = false;
	private unloadTimer: NodeJS.Timeout | null = null;
	/** Presence entries changed since the last presence broadcast. */
	private presenceChanged = new Set<number>();
	/** Of those, the ones changed by this process's connections (published to the others). */
	private presenceLocal = new Set<number>();
	private presenceTimer: NodeJS.Timeout | null = null;
	private readonly app: App;
	private readonly opts: DocumentOptions;
	private readonly onIdle: (doc: LiveDocument) => void;

	constructor(
		app: App,
		name: string,
		stored: store.StoredDocument,
		opts: DocumentOptions,
		onIdle: (doc: LiveDocument) => void,
		commits: CommitPipeline,
		claims: PresenceClaims<Connection> = new PresenceClaims<Connection>(opts.presenceGraceMs)
	) {
		this.app = app;
		this.commits = commits;
		this.name = name;
		this.kind = docKind(parseDocName(name)!.kind)!;
		this.opts = opts;
		this.onIdle = onIdle;
		this.claims = claims;
		this.doc = buildDoc(app, name, stored);
		this.throughId = stored.throughId;
		this.tail = stored.updates.length;
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array) => this.broadcastUpdate(update));
		this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
			for (const id of [...added, ...updated, ...removed]) {
				this.presenceChanged.add(id);
				if (origin !== REMOTE_ORIGIN) this.presenceLocal.add(id);
			}
			this.presenceTimer ??= setTimeout(() => this.flushPresence(), opts.presenceIntervalMs);
		});
		// A long tail left by an earlier run is folded soon after loading (not in the constructor:
		// the registry sets the bridge, which decides how to compact, right after it).
		if (this.tail >= opts.compactEvery) setImmediate(() => !this.unloaded && void this.compact());
	}

	// --- connections -------------------------------------------------------------------------

	/** Adds a connection and starts the y-websocket handshake (sync step 1 and everyone's presence). */
	attach(conn: Connection): void {
		this.cancelUnload();
		this.conns.add(conn);
		this.send(conn, message(MESSAGE.sync, (e) => {
			encoding.writeVarUint(e, SYNC.step1);
			encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc));
		}));
		const msg = this.presenceFor(conn, [...this.awareness.getStates().keys()]);
		if (msg) this.send(conn, msg);
	}

	/**
	 * A presence message with the entries of `ids` that `receiver` may see (rule 3: a supplier
	 * gets nothing — state or removal — of another supplier's people), or null when none.
	 */
	private presenceFor(receiver: Connection, ids: number[]): Uint8Array | null {
		const visible = ids.filter((id) => mayReceivePresence(receiver.actor, this.claims.organisationOf(id)));
		if (!visible.length) return null;
		return message(MESSAGE.awareness, (e) =>
			encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, visible))
		);
	}

	/**
	 * Sends the presence changes of the last window to everyone, as one message. Coalescing keeps
	 * presence cheap when many people join at once or carets move on every keystroke: a workshop
	 * with 150 phones gets one presence message per window instead of one per change. The sender
	 * gets its own entry back too; y-protocols ignores an entry whose clock it already has.
	 */
	private flushPresence(): void {
		this.presenceTimer = null;
		const ids = [...this.presenceChanged].filter((id) => this.awareness.meta.has(id));
		this.presenceChanged.clear();
		const local = [...this.presenceLocal].filter((id) => this.awareness.meta.has(id));
		this.presenceLocal.clear();
		if (this.unloaded) return;
		if (this.bridge && local.length) {
			// The other processes get this window's changes of our connections as one message, with
			// who owns each id (so they keep presence identity and rule 3 as we do).
			const owners: PresenceOwner[] = [];
			for (const id of local) {
				const owner = this.claims.ownerOf(id);
				if (owner) owners.push({ clientId: id, principal: owner.principal, organisation: owner.organisation });
			}
			const known = owners.map((o) => o.clientId);
			if (known.length) this.bridge.publishPresence(this, owners, awarenessProtocol.encodeAwarenessUpdate(this.awareness, known));
		}
		if (!ids.length || !this.conns.size) return;
		// Receivers who see the same entries share one message: everyone but suppliers sees all,
		// a supplier's people see what their organisation may know.
		const byView = new Map<string, Uint8Array | null>();
		for (const conn of this.conns) {
			const actor = conn.actor;
			const view = actor.kind === 'user' && actor.organisationKind === 'supplier' ? `org:${actor.organisationId}` : 'all';
			if (!byView.has(view)) byView.set(view, this.presenceFor(conn, ids));
			const msg = byView.get(view);
			if (msg) this.send(conn, msg);
		}
	}

	/** Removes a connection and its presence; schedules unloading when it was the last. */
	detach(conn: Connection): void {
		// A socket that closed before the document finished loading was never attached; the
		// document may still need unloading.
		if (!this.conns.delete(conn)) return this.maybeUnload();
		// The ids stay this principal's for the grace period (`PresenceClaims`); their states go.
		const ids = this.claims.release(conn, Date.now());
		if (ids.length) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
		this.maybeUnload();
	}

	send(conn: Connection, msg: Uint8Array): void {
		const ws = conn.ws;
		if (ws.readyState !== ws.OPEN) return;
		if (ws.bufferedAmount > this.opts.maxBufferedBytes) {
			this.app.log.warn('collab.slow_reader_closed', { doc: this.name, conn: conn.id });
			endConnection(conn, CLOSE.goingAway, 'slow reader');
			return;
		}
		// Send errors surface as the socket's 'error'/'close' events, handled per connection.
		ws.send(msg, { binary: true });
	}

	/** The reply to a client's sync step 1: everything it does not have. */
	syncStep2For(stateVector: Uint8Array): Uint8Array {
		return message(MESSAGE.sync, (e) => {
			encoding.writeVarUint(e, SYNC.step2);
			encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, stateVector));
		});
	}

	/** Every current presence state `receiver` may see (answer to a query-awareness message). */
	presenceMessage(receiver: Connection): Uint8Array | null {
		return this.presenceFor(receiver, [...this.awareness.getStates().keys()]);
	}

	/**
	 * Applies a presence update from a connection: entries for client ids that belong to another
	 * principal are dropped (`PresenceClaims`), and the state is reduced to the allowed fields
	 * with the server's identity. Throws on a malformed update.
	 */
	presence(conn: Connection, update: Uint8Array): void {
		const accepted: PresenceEntry[] = [];
		const now = Date.now();
		const connected = (principal: string) => [...this.conns].some((c) => c.principal === principal);
		for (const entry of decodePresence(update)) {
			if (!this.claims.holds(conn, entry.clientId)) {
				if (conn.clientIds.size >= this.opts.maxClientIdsPerConnection) continue;
				if (!this.claims.claim(conn, entry.clientId, organisationOf(conn.actor), now, connected)) {
					// y-websocket clients send back the states they received (with the clock they got):
					// an echo is normal; a newer clock for someone else's id is an attempt to take it over.
					const known = (this.awareness.meta.get(entry.clientId) as { clock: number } | undefined)?.clock ?? 0;
					if (entry.clock > known) {
						this.app.log.warn('collab.presence_spoof_dropped', { doc: this.name, conn: conn.id, principal: conn.principal, clientId: entry.clientId });
					}
					continue;
				}
			}
			accepted.push({
				clientId: entry.clientId,
				clock: entry.clock,
				state: entry.state === null ? null : sanitizePresence(entry.state, { name: conn.presenceName })
			});
		}
		if (accepted.length) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodePresence(accepted), conn);
	}

	// --- writes ------------------------------------------------------------------------------

	/**
	 * Queues an update for storing and broadcasting. Resolves once it is stored and applied
	 * (or immediately when it adds nothing). Rejects with `InvalidUpdateError` for a bad update.
	 */
	submit(update: Uint8Array, author: ChangeAuthor | null, origin: Connection | null): Promise<void> {
		const checked = checkUpdate(this.doc, update, this.opts.limits);
		if (checked.status === 'invalid') return Promise.reject(new InvalidUpdateError(checked.reason, checked.work));
		if (checked.status === 'noop') return Promise.resolve();
		if (origin) {
			// The kind's own rules, for what connections send (the server's changes are trusted).
			const refused =
				serverOnlyRootsViolation(this.doc, checked.update, this.kind.serverOnlyRoots ?? []) ??
				this.kind.validate?.(this.doc, checked.update) ??
				null;
			if (refused) return Promise.reject(new InvalidUpdateError(refused));
		}
		return new Promise<void>((resolve, reject) => {
			this.queue.push({ update: checked.update, author, origin, at: new Date(), resolve, reject });
			this.commits.schedule(this);
		});
	}

	/** Resolves when everything queued so far is stored and applied. */
	async drain(): Promise<void> {
		while (this.queue.length || this.committing) {
			if (this.queue.length) this.commits.schedule(this);
			await this.commits.idle();
		}
	}

	/** Updates taken by the pipeline and not yet committed or failed. */
	private committing = 0;

	/** Called by the pipeline when it takes updates for a commit. */
	taken(count: number): void {
		this.committing += count;
	}

	/** Stored (with their ledger rows): now, and only now, applied here and sent to everyone. */
	committed(batch: Pending[], throughId: number): void {
		this.committing -= batch.length;
		this.throughId = throughId;
		this.tail += batch.length;
		// Committed: now (and only now) the other processes may have it too.
		this.bridge?.publishUpdates(this, batch.map((item) => item.update));
		for (const item of batch) {
			try {
				Y.applyUpdate(this.doc, item.update, item.origin ?? SERVER_ORIGIN);
			} catch (err) {
				this.app.log.error('collab.apply_failed', { doc: this.name, error: String(err) });
			}
			item.resolve();
		}
		this.markDirty();
		if (this.tail >= this.opts.compactEvery) void this.compact();
	}

	failed(batch: Pending[], err: unknown): void {
		this.committing -= batch.length;
		for (const item of batch) {
			item.reject(err);
			// The client still has the update locally and resends it after reconnecting.
			if (item.origin) endConnection(item.origin, CLOSE.storageFailed, 'storage failed');
		}
	}

	private broadcastUpdate(update: Uint8Array): void {
		if (!this.conns.size) return;
		const msg = message(MESSAGE.sync, (e) => {
			encoding.writeVarUint(e, SYNC.update);
			encoding.writeVarUint8Array(e, update);
		});
		// The sender gets it too: the change may have integrated structs of others that were
		// waiting for it (Yjs pending structs), which the sender does not have yet.
		for (const conn of this.conns) this.send(conn, msg);
	}

	/**
	 * Folds the tail into the snapshot. The ledger is untouched. Runs beside the write pipeline
	 * (it deletes only rows up to the state it captured), one at a time.
	 */
	compact(): Promise<void> {
		if (this.compacting) return this.compacting;
		if (this.tail === 0) return Promise.resolve();
		// The document holds exactly the updates up to `throughId` (they are applied right after
		// their commit, synchronously), so this state and id belong together.
		const through = this.throughId;
		const folded = this.tail;
		const state = Y.encodeStateAsUpdate(this.doc);
		// With several processes, rows up to `through` may hold updates this copy never received
		// (a lost message not yet repaired): merge what is stored instead of replacing it.
		const write = this.bridge ? store.compactDocumentMerging : store.compactDocument;
		this.compacting = write(this.app.db, this.name, state, through)
			.then(
				() => {
					this.tail -= folded;
				},
				(err) => this.app.log.error('collab.compact_failed', { doc: this.name, error: String(err) })
			)
			.finally(() => {
				this.compacting = null;
			});
		return this.compacting;
	}

	// --- other processes (multi-process mode, `cluster.ts`) ------------------------------------

	/** Updates another process committed: applied (not stored again) and sent to our clients. */
	applyRemoteUpdates(updates: Uint8Array[]): void {
		if (this.unloaded) return;
		for (const update of updates) {
			try {
				Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
			} catch (err) {
				this.app.log.error('collab.apply_failed', { doc: this.name, remote: true, error: String(err) });
			}
		}
		this.markDirty();
	}

	/** Presence from another process's connections, already checked there. */
	applyRemotePresence(owners: PresenceOwner[], update: Uint8Array): void {
		if (this.unloaded) return;
		const now = Date.now();
		const allowed = new Set(owners.filter((o) => this.claims.adopt(o.clientId, o.principal, o.organisation, now)).map((o) => o.clientId));
		const entries = decodePresence(update).filter((e) => allowed.has(e.clientId));
		if (entries.length) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodePresence(entries), REMOTE_ORIGIN);
	}

	/**
	 * Reloads from the database what memory lacks (after missed cross-process messages): the
	 * difference is applied and sent to our clients like any update. Requests made while one runs
	 * are served by one more run after it.
	 */
	catchUp(reason: string): Promise<void> {
		if (this.catching) {
			this.catchAgain = true;
			return this.catching;
		}
		this.catching = (async () => {
			do {
				this.catchAgain = false;
				const stored = await store.loadDocument(this.app.db, this.name);
				if (this.unloaded) return;
				const fromDb = buildDoc(this.app, this.name, stored);
				try {
					const missing = Y.encodeStateAsUpdate(fromDb, Y.encodeStateVector(this.doc));
					Y.applyUpdate(this.doc, missing, REMOTE_ORIGIN);
				} finally {
					fromDb.destroy();
				}
				this.app.log.info('collab.caught_up', { doc: this.name, reason });
			} while (this.catchAgain && !this.unloaded);
		})()
			.catch((err) => this.app.log.error('collab.catch_up_failed', { doc: this.name, error: String(err) }))
			.finally(() => {
				this.catching = null;
			});
		return this.catching;
	}

	// --- projection and unloading ------------------------------------------------------------

	private markDirty(): void {
		this.projectionDirty = true;
		if (this.projectionTimer) return;
		this.projectionTimer = setTimeout(() => {
			this.projectionTimer = null;
			void this.saveProjection();
		}, this.opts.projectionDelayMs);
		this.projectionTimer.unref();
	}

	async saveProjection(): Promise<void> {
		if (!this.projectionDirty) return;
		this.projectionDirty = false;
		try {
			await store.saveProjection(this.app.db, this.name, (this.kind.project ?? projectDoc)(this.doc));
		} catch (err) {
			this.projectionDirty = true;
			this.app.log.error('collab.projection_failed', { doc: this.name, error: String(err) });
		}
	}

	isIdle(): boolean {
		return this.conns.size === 0 && this.holds === 0;
	}

	maybeUnload(): void {
		if (!this.isIdle() || this.unloadTimer || this.unloaded) return;
		this.unloadTimer = setTimeout(() => {
			this.unloadTimer = null;
			if (this.isIdle()) this.onIdle(this);
		}, this.opts.unloadAfterMs);
		this.unloadTimer.unref();
	}

	private cancelUnload(): void {
		if (this.unloadTimer) clearTimeout(this.unloadTimer);
		this.unloadTimer = null;
	}

	/** Stores what is pending, compacts, writes the projection. Safe to call more than once. */
	async persistAll(): Promise<void> {
		await this.drain();
		await this.compact();
		// Updates stored while that compaction ran are folded too.
		await this.compact();
		if (this.projectionTimer) clearTimeout(this.projectionTimer);
		this.projectionTimer = null;
		await this.saveProjection();
	}

	destroy(): void {
		this.unloaded = true;
		this.cancelUnload();
		if (this.projectionTimer) clearTimeout(this.projectionTimer);
		if (this.presenceTimer) clearTimeout(this.presenceTimer);
		void this.channel?.close();
		this.awareness.destroy();
		this.doc.destroy();
	}
}

export class InvalidUpdateError extends Error {
	reason: string;
	/** Decoded items (structs + deleted ranges), when the update got that far. */
	work: number | undefined;
	constructor(reason: string, work?: number) {
		super(`invalid update: ${reason}`);
		this.reason = reason;
		this.work = work;
	}
}

/**
 * Rebuilds a document from storage: snapshot, then the tail, applied in one transaction (one
 * round of observers and cleanup; `Y.mergeUpdates` is far slower for thousands of small
 * updates). Should a stored update be unusable, the document is rebuilt update by update,
 * skipping and logging the bad ones, so one bad row never makes a document unreadable.
 */
function buildDoc(app: App, name: string, stored: store.StoredDocument): Y.Doc {
	const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
	const doc = new Y.Doc();
	if (!parts.length) return doc;
	try {
		doc.transact(() => {
			for (const part of parts) Y.applyUpdate(doc, part);
		});
		return doc;
	} catch (err) {
		app.log.error('collab.load_failed_retrying', { doc: name, error: String(err) });
		doc.destroy();
	}
	const careful = new Y.Doc();
	for (const part of parts) {
		try {
			Y.applyUpdate(careful, part);
		} catch (err) {
			app.log.error('collab.load_update_skipped', { doc: name, error: String(err) });
		}
	}
	return careful;
}

/** All documents in memory, loaded on first use and unloaded when idle. Implements `LiveDocs`. */
export class DocumentRegistry implements LiveDocs {
	private docs = new Map<string, Promise<LiveDocument>>();
	/**
	 * Presence claims per document, kept for the grace period after the document is unloaded, so
	 * that a client id stays its owner's across an unload and reload too.
	 */
	private claims = new Map<string, PresenceClaims<Connection>>();
	private readonly app: App;
	private readonly opts: DocumentOptions;
	private closing = false;
	/** Multi-process mode: fan-out and repair between processes (`cluster.ts`). */
	readonly bridge: DocumentBridge | null;
	/** One group commit for all documents (`commits.ts`). */
	private readonly commits: CommitPipeline;

	constructor(app: App, opts: DocumentOptions, bridge: DocumentBridge | null = null) {
		this.app = app;
		this.commits = new CommitPipeline(app);
		this.opts = opts;
		this.bridge = bridge;
	}

	/** Number of documents in memory (loaded or loading). */
	get size(): number {
		return this.docs.size;
	}

	has(name: string): boolean {
		return this.docs.has(name);
	}

	/** The loaded documents. */
	async loaded(): Promise<LiveDocument[]> {
		return Promise.all(this.docs.values());
	}

	/** The document, loading it when needed. `name` must be a valid document name. */
	get(name: string): Promise<LiveDocument> {
		if (this.closing) return Promise.reject(new Error('collab server is closing'));
		let entry = this.docs.get(name);
		if (!entry) {
			entry = (async () => {
				// Subscribe first, then load: whatever another process commits after the load started
				// arrives on the channel; what it committed before is in what we load.
				const channel = this.bridge ? await this.bridge.open(name) : null;
				let stored: store.StoredDocument;
				try {
					stored = await store.loadDocument(this.app.db, name);
				} catch (err) {
					await channel?.close();
					throw err;
				}
				let claims = this.claims.get(name);
				if (!claims) this.claims.set(name, (claims = new PresenceClaims<Connection>(this.opts.presenceGraceMs)));
				const doc = new LiveDocument(this.app, name, stored, this.opts, (d) => void this.unload(d), this.commits, claims);
				if (channel) {
					doc.bridge = this.bridge;
					doc.channel = channel;
					channel.opened(doc);
				}
				return doc;
			})();
			this.docs.set(name, entry);
			// A failed load must not stay cached.
			entry.catch(() => this.docs.delete(name));
		}
		return entry;
	}

	private async unload(doc: LiveDocument): Promise<void> {
		await doc.persistAll();
		// Someone may have connected while we were writing.
		if (!doc.isIdle() || doc.unloaded) return;
		doc.destroy();
		this.docs.delete(doc.name);
		setTimeout(() => {
			if (!this.docs.has(doc.name)) this.claims.delete(doc.name);
		}, this.opts.presenceGraceMs).unref();
		this.app.log.debug('collab.unloaded', { doc: doc.name });
	}

	private async hold<T>(docName: string, fn: (doc: LiveDocument) => Promise<T> | T): Promise<T> {
		if (!parseDocName(docName)) throw new Error(`unknown live document: ${docName}`);
		const doc = await this.get(docName);
		doc.holds++;
		try {
			return await fn(doc);
		} finally {
			doc.holds--;
			doc.maybeUnload();
		}
	}

	async change(docName: string, author: ChangeAuthor | null, fn: (doc: Y.Doc) => void): Promise<void> {
		await this.hold(docName, (live) => {
			// Make the change on a copy, then send the difference through the same pipeline as a
			// client's update: stored (and attributed) before anybody sees it. Changes run one
			// after another, so each copy contains the previous one (same server client id).
			const run = live.serverChanges.then(async () => {
				const copy = new Y.Doc();
				Y.applyUpdate(copy, Y.encodeStateAsUpdate(live.doc));
				// Set after loading: Yjs picks a new id when a loaded update contains its own.
				copy.clientID = live.serverClientId;
				const updates: Uint8Array[] = [];
				copy.on('update', (u: Uint8Array) => updates.push(u));
				try {
					copy.transact(() => fn(copy));
				} finally {
					copy.destroy();
				}
				if (updates.length) await live.submit(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates), author, null);
			});
			live.serverChanges = run.catch(() => {});
			return run;
		});
	}

	async read<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T> {
		return this.hold(docName, (live) => live.drain().then(() => fn(live.doc)));
	}

	/** Stores everything and drops all documents (shutdown). */
	async close(): Promise<void> {
		this.closing = true;
		const docs = await Promise.allSettled(this.docs.values());
		for (const r of docs) {
			if (r.status !== 'fulfilled') continue;
			await r.value.persistAll();
			r.value.destroy();
		}
		this.docs.clear();
		this.claims.clear();
	}
}
