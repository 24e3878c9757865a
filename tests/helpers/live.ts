/**
 * Live-document clients for tests: real y-websocket providers in Node (with the session cookie
 * a browser would send), and raw WebSockets for protocol-level checks.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';

export interface LiveClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Close events the provider saw (code and reason). */
	closes: Array<{ code: number; reason: string }>;
	/** Resolves when the first sync completed. */
	synced: Promise<void>;
	destroy(): void;
}

/** A WebSocket class that sends the given headers with the upgrade (like a browser's cookie jar). */
export function socketWith(headers: Record<string, string>) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	};
}

/** Opens a y-websocket provider on `/yjs/<docName>` of a server at `baseUrl` (http://…). */
export function liveClient(baseUrl: string, docName: string, opts: { cookie?: string; origin?: string; doc?: Y.Doc } = {}): LiveClient {
	const doc = opts.doc ?? new Y.Doc();
	const headers: Record<string, string> = { origin: opts.origin ?? baseUrl };
	if (opts.cookie) headers.cookie = opts.cookie;
	const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/yjs', docName, doc, {
		WebSocketPolyfill: socketWith(headers) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 300
	});
	const closes: LiveClient['closes'] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', () => resolve());
	});
	return {
		doc,
		provider,
		closes,
		synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Polls `check` until it is truthy or `timeoutMs` passes. */
export async function until<T>(check: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await check();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

export type RawResult =
	| { kind: 'refused'; status: number; body: string }
	| { kind: 'open'; ws: WebSocket; messages: Uint8Array[]; closed: Promise<{ code: number; reason: string }> };

/** Opens a plain WebSocket and reports either the HTTP refusal or the open socket. */
export function rawSocket(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RawResult> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + path, { headers });
		const messages: Uint8Array[] = [];
		ws.on('message', (data) => messages.push(new Uint8Array(data as Buffer)));
		ws.on('error', () => {});
		const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
		ws.on('unexpected-response', (_req, res) => {
			let body = '';
			res.on('data', (c) => (body += c));
			res.on('end', () => resolve({ kind: 'refused', status: res.statusCode ?? 0, body }));
		});
		ws.on('open', () => resolve({ kind: 'open', ws, messages, closed }));
		setTimeout(() => reject(new Error('no answer to upgrade')), 10_000).unref();
	});
}
