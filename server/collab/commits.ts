/**
 * The group commit of the write pipeline, shared by every loaded document of the process.
 *
 * A commit's fixed cost (a trip into PGlite's WebAssembly or a round trip and WAL flush to
 * PostgreSQL) is several times what one more row in it costs (docs/collab.md), so pending
 * updates are committed together: everything that arrived in the same event-loop turn (the
 * socket reads of one poll phase), and everything that arrived while the previous commit was in
 * flight, across all documents, goes into one transaction. One commit is in flight at a time;
 * a server that falls behind catches up with one commit for the whole backlog instead of one
 * per document.
 *
 * Guarantees kept: a document's updates are stored in their arrival order, and each is applied
 * and broadcast only after the commit holding it (with its ledger row) returned. Should a group
 * commit fail, each of its documents is retried on its own, so one document's failure never
 * fails the others' updates.
 */
import type { App } from '../../src/lib/server/app.ts';
import { appendDocumentUpdates, type AppendEntry } from '../../src/lib/server/collab/store.ts';

/** What the pipeline needs of a document: its queue and what happens after the commit. */
export interface CommitQueue<T extends AppendEntry = AppendEntry> {
	readonly name: string;
	/** Updates waiting for a commit, oldest first; the pipeline takes them from the front. */
	readonly queue: T[];
	/** The pipeline took this many from the queue into a commit (until `committed` or `failed`). */
	taken(count: number): void;
	/** The taken updates are committed (`throughId` is the highest new id): apply and broadcast. */
	committed(batch: T[], throughId: number): void;
	/** The taken updates could not be stored. */
	failed(batch: T[], err: unknown): void;
}

/** Most updates in one commit (one statement's size stays reasonable). */
const MAX_BATCH = 500;

export class CommitPipeline {
	private readonly app: App;
	/** Documents with queued updates, in the order they first queued (fairness under a cap). */
	private readonly waiting = new Set<CommitQueue>();
	/** The commit loop, while it runs. */
	private running: Promise<void> | null = null;

	constructor(app: App) {
		this.app = app;
	}

	/** `doc` has queued updates: they go into the next commit. */
	schedule(doc: CommitQueue): void {
		this.waiting.add(doc);
		this.running ??= this.loop().finally(() => {
			this.running = null;
			if (this.waiting.size) this.schedule(this.waiting.values().next().value!);
		});
	}

	/** Resolves when nothing is queued or in flight (for the documents' `drain`). */
	async idle(): Promise<void> {
		while (this.running) await this.running;
	}

	private async loop(): Promise<void> {
		// Wait for the rest of this event-loop turn, so the updates of every socket read in the
		// same poll phase go into this commit, not the first alone and the others in the next.
		await new Promise<void>((resolve) => setImmediate(resolve));
		while (this.waiting.size) {
			const groups: Array<{ doc: CommitQueue; batch: AppendEntry[] }> = [];
			let room = MAX_BATCH;
			for (const doc of this.waiting) {
				if (room === 0) break;
				const batch = doc.queue.splice(0, room);
				room -= batch.length;
				if (!doc.queue.length) this.waiting.delete(doc);
				if (!batch.length) continue;
				doc.taken(batch.length);
				groups.push({ doc, batch });
			}
			if (!groups.length) continue;
			await this.commit(groups);
		}
	}

	private async commit(groups: Array<{ doc: CommitQueue; batch: AppendEntry[] }>): Promise<void> {
		let through: number[];
		try {
			through = await appendDocumentUpdates(
				this.app.db,
				groups.map((g) => ({ docName: g.doc.name, entries: g.batch }))
			);
		} catch (err) {
			if (groups.length > 1) {
				// Each document on its own: only the one whose updates cannot be stored fails.
				for (const g of groups) await this.commit([g]);
				return;
			}
			this.app.log.error('collab.store_failed', { doc: groups[0].doc.name, updates: groups[0].batch.length, error: String(err) });
			groups[0].doc.failed(groups[0].batch, err);
			return;
		}
		groups.forEach((g, k) => g.doc.committed(g.batch, through[k]));
	}
}
