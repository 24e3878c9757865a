/**
 * One live document of a sprint room in the browser: the Y.Doc synced with the server and a
 * reactive snapshot made by `read` (coalesced to one re-render per frame). The overview
 * `sprint_room.<roomId>` and the five stage boards `sprint_<stage>.<roomId>` each get one.
 *
 * Close codes are the collab server's decisions (`#lib/collab/close-codes.ts`): access changed →
 * reload the page data and reconnect; access gone or session ended → reload (the page then shows
 * what the user may still see).
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { invalidateAll } from '$app/navigation';
import { closeAction } from '#lib/collab/close-codes.ts';
import { liveDocServerUrl } from '#lib/collab/url.ts';

export type LiveStatus = 'connecting' | 'synced' | 'reconnecting' | 'ended' | 'error';

export class LiveDoc<T> {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	state: T = $state() as T;
	status = $state<LiveStatus>('connecting');
	#read: (doc: Y.Doc) => T;
	#destroyed = false;
	#scheduled = false;

	constructor(docName: string, read: (doc: Y.Doc) => T) {
		this.#read = read;
		this.state = read(this.doc);
		this.provider = new WebsocketProvider(liveDocServerUrl(window.location), docName, this.doc, {
			disableBc: true,
			maxBackoffTime: 5000,
			shouldReconnect: (event) => closeAction(event.code) === 'retry'
		});
		// The server puts the name it knows (or the neutral label of the Decide board) in presence.
		this.provider.awareness.setLocalStateField('user', { name: '', color: '#0b4f6c' });
		this.doc.on('update', this.#refresh);
		this.provider.on('sync', (synced) => {
			if (this.#destroyed || !synced) return;
			this.status = 'synced';
			this.state = this.#read(this.doc);
		});
		this.provider.on('status', ({ status }) => {
			if (this.#destroyed) return;
			if (status === 'disconnected' && this.status === 'synced') this.status = 'reconnecting';
		});
		this.provider.on('connection-close', (event) => {
			if (this.#destroyed || !event) return;
			void this.#onClosed(event.code);
		});
	}

	#refresh = () => {
		if (this.#scheduled || this.#destroyed) return;
		this.#scheduled = true;
		requestAnimationFrame(() => {
			this.#scheduled = false;
			if (!this.#destroyed) this.state = this.#read(this.doc);
		});
	};

	/** Changes the document locally (sent to the server, which checks the writer's level). */
	change(fn: (doc: Y.Doc) => void): void {
		this.doc.transact(() => fn(this.doc));
	}

	async #onClosed(code: number) {
		const action = closeAction(code);
		if (action === 'retry') return;
		if (action === 'recheck') {
			this.status = 'connecting';
			await invalidateAll();
			if (!this.#destroyed) this.provider.connect();
			return;
		}
		this.status = action === 'sign-in' || action === 'denied' ? 'ended' : 'error';
		await invalidateAll();
	}

	destroy() {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.doc.off('update', this.#refresh);
		this.provider.destroy();
		this.doc.destroy();
	}
}
