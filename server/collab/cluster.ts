/**
 * Live documents across processes (multi-process mode, `REDIS_URL`). Each loaded document
 * listens on its own Redis channel (`<prefix>doc:<name>`). After an update is committed to the
 * database (never before), the process that stored it publishes the same update there; the
 * other processes that have the document loaded apply it (without storing it again) and send it
 * to their own clients. Presence travels the same way, already checked and reduced to the
 * allowed fields, once per presence window.
 *
 * Pub/sub is at-most-once, so the hop is made at-least-once with repair from the database:
 *  - the channel is subscribed **before** the document is loaded from the database, so nothing
 *    committed after the load can be missed (what came before is in what was loaded);
 *  - each publisher numbers its messages per loaded document (`epoch` = that loaded copy,
 *    `seq` from 1): a gap in a known stream reloads the document from the database;
 *  - when this process's subscriber reconnects, or another process says its publisher lost
 *    messages, every loaded document is reloaded from the database (`Cluster.onMissedMessages`).
 * A reload applies only what the database has and memory lacks (Yjs updates are idempotent), and
 * is sent to the clients like any update, so no client ends with a divergent state.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { App } from '../../src/lib/server/app.ts';
import type { Cluster } from '../../src/lib/server/cluster.ts';
import type { OrganisationRef } from '../../src/lib/server/access/policy.ts';

const KIND = { update: 0, presence: 1 } as const;

/** Who owns a presence client id on the process that sent it. */
export interface PresenceOwner {
	clientId: number;
	principal: string;
	organisation: OrganisationRef | null;
}

/** What the bridge needs of a loaded document. */
export interface BridgedDocument {
	readonly name: string;
	/** Random per loaded copy: a reload on the publishing side starts a new sequence. */
	readonly epoch: number;
	applyRemoteUpdates(updates: Uint8Array[]): void;
	applyRemotePresence(owners: PresenceOwner[], update: Uint8Array): void;
	/** Reloads from the database what memory lacks. */
	catchUp(reason: string): Promise<void>;
}

interface Stream {
	epoch: number;
	seq: number;
}

/** The per-process side of the bridge: one per collab server. */
export class DocumentBridge {
	private readonly cluster: Cluster;
	private readonly app: App;
	/** Next sequence number per loaded document we publish for. */
	private readonly nextSeq = new WeakMap<BridgedDocument, number>();
	/** Last message seen per document and publishing process. */
	private readonly streams = new WeakMap<BridgedDocument, Map<string, Stream>>();
	private readonly docs = new Set<BridgedDocument>();
	private readonly stopMissed: () => void;

	constructor(app: App, cluster: Cluster) {
		this.app = app;
		this.cluster = cluster;
		this.stopMissed = cluster.onMissedMessages(() => {
			for (const doc of this.docs) void doc.catchUp('missed_messages');
		});
	}

	channel(name: string): string {
		return `${this.cluster.prefix}doc:${name}`;
	}

	/**
	 * Subscribes to a document's channel before it is loaded. Messages that arrive before the
	 * document exists are kept and handed over by `opened`. Resolves `true` once Redis confirmed
	 * the subscription, `false` when it did not within `waitMs` (Redis away): the document then
	 * loads anyway and catches up as soon as the subscription is in place.
	 */
	async open(name: string, waitMs = 1000): Promise<OpenChannel> {
		const inbox: Buffer[] = [];
		const channel: OpenChannel = {
			doc: null,
			listener: (msg: Buffer) => {
				if (channel.doc) this.receive(channel.doc, msg);
				else inbox.push(msg);
			},
			subscribed: false,
			opened: (doc: BridgedDocument) => {
				channel.doc = doc;
				this.docs.add(doc);
				for (const msg of inbox.splice(0)) this.receive(doc, msg);
				if (!channel.subscribed) void subscription.then(() => doc.catchUp('late_subscription'), () => {});
			},
			close: async () => {
				if (channel.doc) this.docs.delete(channel.doc);
				await this.cluster.unsubscribe(this.channel(name), channel.listener).catch(() => {});
			}
		};
		const subscription = this.cluster.subscribe(this.channel(name), channel.listener);
		subscription.catch((err) => this.app.log.error('cluster.subscribe_failed', { doc: name, error: String(err) }));
		channel.subscribed = await Promise.race([
			subscription.then(() => true, () => false),
			new Promise<boolean>((r) => setTimeout(() => r(false), waitMs).unref())
		]);
		return channel;
	}

	/** Publishes updates that were just committed. */
	publishUpdates(doc: BridgedDocument, updates: Uint8Array[]): void {
		const seq = this.nextSeq.get(doc) ?? 1;
		this.nextSeq.set(doc, seq + 1);
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, KIND.update);
		encoding.writeVarString(e, this.cluster.processId);
		encoding.writeVarUint(e, doc.epoch);
		encoding.writeVarUint(e, seq);
		encoding.writeVarUint(e, updates.length);
		for (const u of updates) encoding.writeVarUint8Array(e, u);
		this.send(doc.name, e);
	}

	/** Publishes presence entries (already sanitized) with their owners. */
	publishPresence(doc: BridgedDocument, owners: PresenceOwner[], update: Uint8Array): void {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, KIND.presence);
		encoding.writeVarString(e, this.cluster.processId);
		encoding.writeVarUint(e, owners.length);
		for (const o of owners) {
			encoding.writeVarUint(e, o.clientId);
			encoding.writeVarString(e, o.principal);
			encoding.writeVarString(e, o.organisation?.id ?? '');
			encoding.writeVarString(e, o.organisation?.kind ?? '');
		}
		encoding.writeVarUint8Array(e, update);
		this.send(doc.name, e);
	}

	private send(name: string, e: encoding.Encoder): void {
		const bytes = encoding.toUint8Array(e);
		this.cluster.publish(this.channel(name), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch((err) => {
			// The publisher announces a resync to everyone when it is back (`cluster.ts`).
			this.app.log.error('cluster.publish_failed', { doc: name, error: String(err) });
		});
	}

	private receive(doc: BridgedDocument, msg: Buffer): void {
		try {
			const d = decoding.createDecoder(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
			const kind = decoding.readVarUint(d);
			const from = decoding.readVarString(d);
			if (from === this.cluster.processId) return;
			if (kind === KIND.update) {
				const epoch = decoding.readVarUint(d);
				const seq = decoding.readVarUint(d);
				const n = decoding.readVarUint(d);
				const updates: Uint8Array[] = [];
				for (let i = 0; i < n; i++) updates.push(decoding.readVarUint8Array(d));
				const gap = this.track(doc, from, epoch, seq);
				doc.applyRemoteUpdates(updates);
				if (gap) {
					this.app.log.warn('cluster.sequence_gap', { doc: doc.name, from, epoch, seq });
					void doc.catchUp('sequence_gap');
				}
			} else if (kind === KIND.presence) {
				const n = decoding.readVarUint(d);
				const owners: PresenceOwner[] = [];
				for (let i = 0; i < n; i++) {
					const clientId = decoding.readVarUint(d);
					const principal = decoding.readVarString(d);
					const id = decoding.readVarString(d);
					const orgKind = decoding.readVarString(d);
					owners.push({ clientId, principal, organisation: id ? ({ id, kind: orgKind } as OrganisationRef) : null });
				}
				doc.applyRemotePresence(owners, decoding.readVarUint8Array(d));
			}
		} catch (err) {
			this.app.log.error('cluster.bad_message', { doc: doc.name, error: String(err) });
		}
	}

	/**
	 * Records a message's place in its stream; true when messages before it were missed. The
	 * first message of a stream seen after subscribing is the baseline: everything earlier was
	 * committed before this process loaded the document.
	 */
	private track(doc: BridgedDocument, from: string, epoch: number, seq: number): boolean {
		let byProcess = this.streams.get(doc);
		if (!byProcess) this.streams.set(doc, (byProcess = new Map()));
		const last = byProcess.get(from);
		byProcess.set(from, { epoch, seq });
		if (!last) return false;
		if (last.epoch !== epoch) return seq !== 1;
		return seq !== last.seq + 1;
	}

	close(): void {
		this.stopMissed();
		this.docs.clear();
	}
}

export interface OpenChannel {
	doc: BridgedDocument | null;
	listener: (msg: Buffer) => void;
	/** Whether Redis confirmed the subscription before the document was loaded. */
	subscribed: boolean;
	/** Hands the loaded document over (and the messages that arrived while it loaded). */
	opened(doc: BridgedDocument): void;
	/** Unsubscribes (the document was unloaded). */
	close(): Promise<void>;
}
