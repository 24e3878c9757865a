/**
 * A Hocuspocus client for the benchmark with the shape of `liveClient` (tests/helpers/live.ts):
 * a Yjs document, a provider with a y-protocols `awareness`, `synced` and `destroy`, so that
 * `bench/run.ts` measures Hocuspocus exactly as it measures the y-websocket servers. One
 * WebSocket per client (`HocuspocusProviderWebsocket` with the `ws` package), as y-websocket
 * opens one per provider.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';

export interface BenchClient {
	doc: Y.Doc;
	provider: { awareness: Awareness };
	synced: Promise<void>;
	destroy(): void;
}

/** Opens a Hocuspocus provider for `docName` on the server at `baseUrl` (http://…). */
export function hocuspocusClient(baseUrl: string, docName: string): BenchClient {
	const doc = new Y.Doc();
	const socket = new HocuspocusProviderWebsocket({ url: baseUrl.replace(/^http/, 'ws'), WebSocketPolyfill: WebSocket, maxDelay: 300 });
	const provider = new HocuspocusProvider({ websocketProvider: socket, name: docName, document: doc });
	// A provider given a socket of its own making does not attach itself.
	provider.attach();
	const synced = new Promise<void>((resolve) => {
		if (provider.isSynced) resolve();
		else provider.on('synced', () => resolve());
	});
	return {
		doc,
		provider: { awareness: provider.awareness! },
		synced,
		destroy() {
			provider.destroy();
			socket.destroy();
			doc.destroy();
		}
	};
}
