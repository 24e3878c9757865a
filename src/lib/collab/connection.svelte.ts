/**
 * The browser side of one live document: a Y.Doc synced over the y-websocket protocol with
 * `/yjs/<docName>` on the page's own origin, plus a reactive view of the connection and of
 * who else is present.
 *
 * The server decides everything that matters (who may connect, read-only or not, the names in
 * presence). This class only reacts to its decisions, which arrive as close codes
 * (`close-codes.ts`): sign in again, access gone, or access changed → reload the page data
 * and reconnect so the server checks again.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { goto, invalidateAll } from '$app/navigation';
import { closeAction } from './close-codes.ts';
import { liveDocServerUrl, loginUrlFor } from './url.ts';
import { peersFrom, type Peer } from './presence.ts';

export type ConnectionStatus =
	/** First connection attempt, nothing received yet. */
	| 'connecting'
	/** Connected and the document is in sync with the server. */
	| 'synced'
	/** Lost the connection; retrying with backoff. Local edits are kept and sent on reconnect. */
	| 'reconnecting'
	/** The server said access changed; page data is being reloaded before reconnecting. */
	| 'access-changed'
	/** The session is gone; on the way to the login page. */
	| 'signed-out'
	/** The actor may no longer see the document. */
	| 'denied'
	/** Refused for another reason; not retrying. */
	| 'error';

export interface LiveConnectionOptions {
	docName: string;
	/** Our own presence entry. The server overwrites `name` (and may set `color`) with what it knows. */
	user: { name: string; color: string };
}

/** After this many failed attempts in a row, ask the server whether we are still signed in. */
const FAILURES_BEFORE_SESSION_CHECK = 2;

export class LiveConnection {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	status = $state<ConnectionStatus>('connecting');
	/** Other people with the document open (names from the server). */
	peers = $state<Peer[]>([]);
	/** True once the first full sync has arrived (the editor can show content). */
	loaded = $state(false);

	#failures = 0;
	#checkingSession = false;
	#destroyed = false;

	constructor({ docName, user }: LiveConnectionOptions) {
		this.provider = new WebsocketProvider(liveDocServerUrl(window.location), docName, this.doc, {
			// Every tab talks to the server: cross-tab shortcuts would bypass its checks (read-only,
			// presence names) and keep syncing after a logout in another tab.
			disableBc: true,
			maxBackoffTime: 5000,
			// We decide ourselves about every 44xx code (see `#onClosed`).
			shouldReconnect: (event) => closeAction(event.code) === 'retry'
		});
		this.provider.awareness.setLocalStateField('user', user);

		this.provider.on('status', ({ status }) => {
			if (this.#destroyed) return;
			if (status === 'connected') this.#failures = 0;
			else if (status === 'disconnected' && this.status === 'synced') this.status = 'reconnecting';
		});
		this.provider.on('sync', (synced) => {
			if (this.#destroyed || !synced) return;
			this.loaded = true;
			this.status = 'synced';
		});
		this.provider.on('connection-close', (event) => {
			if (this.#destroyed || !event || closeAction(event.code) !== 'retry') return;
			if (this.status === 'synced') this.status = 'reconnecting';
			this.#failures++;
			// A refusal of the upgrade itself (HTTP 401/403) reaches the browser as a bare 1006:
			// find out from the API whether the session ended.
			if (this.#failures >= FAILURES_BEFORE_SESSION_CHECK) void this.#checkSession();
		});
		this.provider.on('closed', ({ code }) => void this.#onClosed(code));
		this.provider.awareness.on('change', this.#updatePeers);
	}

	#updatePeers = () => {
		this.peers = peersFrom(this.provider.awareness.getStates() as Map<number, Record<string, unknown>>, this.doc.clientID);
	};

	async #onClosed(code: number) {
		if (this.#destroyed) return;
		switch (closeAction(code)) {
			case 'sign-in':
				this.#signedOut();
				return;
			case 'denied':
				this.status = 'denied';
				return;
			case 'recheck':
				this.status = 'access-changed';
				// The page's abilities (e.g. editBrief) may differ now; if access is gone entirely,
				// the reload shows the not-found page instead of this one.
				await invalidateAll();
				if (this.#destroyed) return;
				this.status = 'connecting';
				this.provider.connect();
				return;
			default:
				this.status = 'error';
		}
	}

	async #checkSession() {
		if (this.#checkingSession) return;
		this.#checkingSession = true;
		try {
			const res = await fetch('/api/v1/me', { headers: { accept: 'application/json' } });
			if (this.#destroyed) return;
			if (res.status === 401) this.#signedOut();
			else if (res.ok && this.#failures >= FAILURES_BEFORE_SESSION_CHECK * 2) {
				// Signed in, yet refused again and again: access to this document may be gone.
				await invalidateAll();
			}
		} catch {
			// Offline: keep retrying the socket.
		} finally {
			this.#checkingSession = false;
		}
	}

	#signedOut() {
		this.status = 'signed-out';
		this.provider.disconnect();
		void goto(loginUrlFor(window.location.pathname), { invalidateAll: true });
	}

	/** Closes the connection and frees the document. */
	destroy() {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.provider.awareness.off('change', this.#updatePeers);
		this.provider.destroy();
		this.doc.destroy();
	}
}
