/**
 * A workshop board in the browser: the Y.Doc `workshop.<id>` synced with the server, and a
 * reactive snapshot of it. Participants receive it read-only (the server refuses their socket
 * writes; cards and votes go through the API); facilitators change it directly (clustering).
 *
 * Close codes from the server are handled here rather than by the generic editor connection,
 * because a guest has no account to sign in to: when the workshop closes, the page reloads its
 * data and shows the closed state.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { invalidateAll } from '$app/navigation';
import { closeAction } from '#lib/collab/close-codes.ts';
import { liveDocServerUrl } from '#lib/collab/url.ts';
import { readBoard, type Board } from '#lib/shapes/workshop.ts';

export type BoardStatus = 'connecting' | 'synced' | 'reconnecting' | 'ended' | 'error';

/** Presence is kept cheap: one static entry per client, never cursors or typing state. */
export class LiveBoard {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	board = $state<Board>(readBoard(this.doc));
	status = $state<BoardStatus>('connecting');
	/** How many people have the board open (other clients, plus us). */
	present = $state(1);
	#destroyed = false;
	#scheduled = false;

	constructor(docName: string) {
		this.provider = new WebsocketProvider(liveDocServerUrl(window.location), docName, this.doc, {
			disableBc: true,
			maxBackoffTime: 5000,
			shouldReconnect: (event) => closeAction(event.code) === 'retry'
		});
		this.provider.awareness.setLocalStateField('user', { name: '', color: '#0b4f6c' });
		this.doc.on('update', this.#refresh);
		this.provider.on('sync', (synced) => {
			if (this.#destroyed || !synced) return;
			this.status = 'synced';
			this.#refresh();
		});
		this.provider.on('status', ({ status }) => {
			if (this.#destroyed) return;
			if (status === 'disconnected' && this.status === 'synced') this.status = 'reconnecting';
		});
		this.provider.on('closed', ({ code }) => void this.#onClosed(code));
		this.provider.awareness.on('change', this.#countPresent);
	}

	/** Coalesces bursts of updates (a reveal, a merge) into one re-render per frame. */
	#refresh = () => {
		if (this.#scheduled || this.#destroyed) return;
		this.#scheduled = true;
		requestAnimationFrame(() => {
			this.#scheduled = false;
			if (!this.#destroyed) this.board = readBoard(this.doc);
		});
	};

	#countPresent = () => {
		this.present = Math.max(1, this.provider.awareness.getStates().size);
	};

	async #onClosed(code: number) {
		if (this.#destroyed) return;
		const action = closeAction(code);
		if (action === 'recheck') {
			this.status = 'connecting';
			await invalidateAll();
			if (!this.#destroyed) this.provider.connect();
			return;
		}
		if (action === 'sign-in' || action === 'denied') {
			this.status = 'ended';
			await invalidateAll();
			return;
		}
		this.status = 'error';
	}

	destroy() {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.doc.off('update', this.#refresh);
		this.provider.awareness.off('change', this.#countPresent);
		this.provider.destroy();
		this.doc.destroy();
	}
}

/**
 * The live board named by `docName()` while it names one (call while a component initialises):
 * one connection per board — page data reloads that keep the name never reconnect — closed when
 * the name changes or the component goes.
 */
export function useLiveBoard(docName: () => string | null): { readonly current: LiveBoard | null } {
	let live = $state<LiveBoard | null>(null);
	$effect(() => {
		const name = docName();
		if (!name) return;
		const board = new LiveBoard(name);
		live = board;
		return () => {
			board.destroy();
			live = null;
		};
	});
	return {
		get current() {
			return live;
		}
	};
}
