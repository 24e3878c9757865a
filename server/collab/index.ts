/**
 * The live-document server: Yjs over the y-websocket protocol at `/yjs/<kind>.<uuid>`.
 *
 * It is an ordered list of small steps, each in its own file:
 *   1. handshake.ts   — origin, session cookie, document name, policy level; refusals are HTTP
 *                       answers before any content exists on the wire;
 *   2. messages.ts    — the protocol: sync, read-only drop, presence;
 *   3. documents.ts   — load (snapshot + tail), store-before-broadcast with the authorship ledger,
 *                       compaction, projection, unloading; also `app.liveDocs` for domain code;
 *   4. presence.ts    — the server decides who a presence state belongs to and what it is called;
 *   5. revocation.ts  — close sockets whose access changed, so they are checked again;
 *   6. cluster.ts     — with several processes (`REDIS_URL`): committed updates and presence
 *                       to and from the other processes, repaired from the database after gaps.
 * Socket errors (including frames with reserved bits set, or over the size limit) end that one
 * connection; nothing a client sends can stop the process.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '../../src/lib/server/app.ts';
import type { AccessChanged } from '../../src/lib/server/events.ts';
import { CLOSE } from '../../src/lib/collab/protocol.ts';
import { DEFAULT_LIMITS } from '../../src/lib/server/collab/validate.ts';
import { closeSocket, endConnection, type Connection } from './connection.ts';
import { DocumentRegistry, type DocumentOptions } from './documents.ts';
import { DocumentBridge } from './cluster.ts';
import { handshake } from './handshake.ts';
import { handleMessage } from './messages.ts';
import { affects, CLOSE_FOR, dueForRecheck, initialCheckedAt, recheck, recheckTickMs, yieldToIo } from './revocation.ts';

export interface CollabOptions {
	app: App;
	/** See `DocumentOptions`; the message size limit comes from `COLLAB_MAX_MESSAGE_BYTES`. */
	documents?: Partial<DocumentOptions>;
	/**
	 * Every connection's access is checked again this often, ms (events act at once); the checks
	 * are spread over the interval, not made all at once.
	 */
	sweepIntervalMs?: number;
	/** Upgrades accepted per client address per 10 s (anti-automation, ASVS 2.4.1). */
	upgradesPer10s?: number;
}

export interface CollabStats {
	documents: number;
	connections: number;
}

export interface CollabServer {
	handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
	/** Answers an upgrade with a plain HTTP error (`{error:{code,message}}`) and closes the socket. */
	refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void;
	/** Counts, for tests and the benchmark. */
	stats(): CollabStats;
	/** The documents in memory (also installed as `app.liveDocs`). */
	documents: DocumentRegistry;
	/** Closes every socket (1001), stores what is pending, unloads every document. */
	close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	409: 'Conflict',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable'
};

/** Answers an upgrade request with a plain HTTP error and closes the socket. */
function refuseUpgrade(socket: Duplex, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
	if (socket.destroyed) return;
	const body = JSON.stringify({ error: { code, message } });
	const headers = {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(body)),
		Connection: 'close',
		'Cache-Control': 'no-store',
		...extra
	};
	const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
	socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n${head}\r\n\r\n${body}`);
	setTimeout(() => socket.destroy(), 1000).unref();
}

export function createCollabServer(opts: CollabOptions): CollabServer {
	const { app } = opts;
	const maxBytes = app.config.COLLAB_MAX_MESSAGE_BYTES;
	const bridge = app.cluster ? new DocumentBridge(app, app.cluster) : null;
	const documents = new DocumentRegistry(
		app,
		{
			compactEvery: 1000,
			unloadAfterMs: 2000,
			projectionDelayMs: 10_000,
			maxClientIdsPerConnection: 4,
			presenceGraceMs: 60_000,
			maxBufferedBytes: 32 * 1024 * 1024,
			presenceIntervalMs: app.config.COLLAB_PRESENCE_INTERVAL_MS ?? 50,
			...opts.documents,
			limits: { ...DEFAULT_LIMITS, maxBytes, ...opts.documents?.limits }
		},
		bridge
	);
	app.liveDocs = documents;

	const wss = new WebSocketServer({ noServer: true, maxPayload: maxBytes, perMessageDeflate: false, clientTracking: false });
	const conns = new Set<Connection>();
	const sweepMs = opts.sweepIntervalMs ?? 30_000;
	let nextId = 1;
	let closing = false;

	// --- anti-automation on upgrades ---------------------------------------------------------
	const upgradeLimit = opts.upgradesPer10s ?? 200;
	const upgradeCounts = new Map<string, number>();
	const resetCounts = setInterval(() => upgradeCounts.clear(), 10_000);
	resetCounts.unref();

	function clientIp(req: http.IncomingMessage): string {
		if (app.config.TRUST_PROXY) {
			const xff = req.headers['x-forwarded-for'];
			const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0].trim();
			if (first) return first;
		}
		return req.socket.remoteAddress ?? 'unknown';
	}

	// --- connections -------------------------------------------------------------------------
	function onConnection(ws: WebSocket, ok: Extract<Awaited<ReturnType<typeof handshake>>, { ok: true }>, ip: string): void {
		const conn: Connection = {
			id: nextId++,
			ws,
			docName: ok.docName,
			actor: ok.actor,
			principal: ok.actor.kind === 'user' ? `user:${ok.actor.userId}` : `guest:${ok.actor.guestId}`,
			cookies: ok.cookies,
			sessionId: ok.sessionId,
			initiativeId: ok.access.initiativeId,
			workshopId: ok.access.workshopId,
			level: ok.access.level,
			canWrite: ok.access.canWrite,
			presenceName: ok.access.presenceName,
			clientIds: new Set(),
			droppedWrites: 0,
			checkedAt: initialCheckedAt(Date.now(), sweepMs),
			ip,
			ended: false
		};
		conns.add(conn);
		const ready = documents.get(conn.docName);
		ws.on('error', (err) => {
			// ws closes the socket itself (e.g. 1002 for reserved bits, 1009 when too large).
			app.log.warn('collab.socket_error', { doc: conn.docName, conn: conn.id, ip, error: err.message });
		});
		ws.on('message', (data, isBinary) => {
			if (!isBinary) {
				app.log.warn('collab.bad_message', { doc: conn.docName, conn: conn.id, reason: 'text_frame', ip });
				endConnection(conn, CLOSE.badMessage, 'bad message');
				return;
			}
			const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
			const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
			void ready.then((doc) => {
				// Messages that arrived before the client closed still count; after the server ended
				// the connection (revoked, bad message) nothing does.
				if (!conn.ended) handleMessage(app, doc, conn, view);
			}, () => {});
		});
		ws.on('close', () => {
			conns.delete(conn);
			void ready.then((doc) => doc.detach(conn), () => {});
		});
		ready.then(
			(doc) => {
				if (ws.readyState !== ws.OPEN) return;
				doc.attach(conn);
				app.log.debug('collab.connected', { doc: conn.docName, conn: conn.id, principal: conn.principal, access: conn.level });
			},
			(err) => {
				app.log.error('collab.load_failed', { doc: conn.docName, error: String(err) });
				closeSocket(ws, CLOSE.storageFailed, 'load failed');
			}
		);
	}

	function handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
		socket.on('error', () => socket.destroy());
		const ip = clientIp(req);
		if (closing) return refuseUpgrade(socket, 503, 'unavailable', 'Servern startar om.');
		const seen = (upgradeCounts.get(ip) ?? 0) + 1;
		upgradeCounts.set(ip, seen);
		if (seen > upgradeLimit) {
			app.log.warn('collab.upgrade_rate_limited', { ip });
			return refuseUpgrade(socket, 429, 'rate_limited', 'För många anslutningar. Försök igen om en stund.', { 'Retry-After': '10' });
		}
		handshake(app, req).then(
			(result) => {
				if (socket.destroyed) return;
				if (!result.ok) {
					app.log.warn('collab.upgrade_refused', { ip, status: result.status, code: result.code, path: (req.url ?? '').slice(0, 120) });
					return refuseUpgrade(socket, result.status, result.code, result.message);
				}
				if (closing) return refuseUpgrade(socket, 503, 'unavailable', 'Servern startar om.');
				wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, result, ip));
			},
			(err) => {
				app.log.error('collab.handshake_failed', { ip, error: String(err) });
				refuseUpgrade(socket, 500, 'internal', 'Ett oväntat fel inträffade.');
			}
		);
	}

	// --- revocation --------------------------------------------------------------------------
	async function applyVerdicts(targets: Connection[]): Promise<void> {
		for (const conn of targets) {
			// Let socket I/O in between connections: PGlite answers queries within microtasks, so
			// without this a sweep over many connections would hold every document's traffic
			// (measured: 50 connections stalled all fan-out for ~160 ms).
			await yieldToIo();
			if (conn.ws.readyState !== conn.ws.OPEN) continue;
			try {
				const verdict = await recheck(app, conn);
				if (verdict === 'keep') continue;
				const { code, reason } = CLOSE_FOR[verdict];
				app.log.info('collab.access_revoked', { doc: conn.docName, conn: conn.id, principal: conn.principal, verdict });
				endConnection(conn, code, reason);
			} catch (err) {
				app.log.error('collab.recheck_failed', { doc: conn.docName, conn: conn.id, error: String(err) });
			}
		}
	}

	const onAccessChanged = (event: AccessChanged) => {
		const targets = [...conns].filter((c) => affects(event, c));
		if (!targets.length) return;
		if (event.sessionId) {
			for (const c of targets) endConnection(c, CLOSE.unauthenticated, 'session ended');
			return;
		}
		void applyVerdicts(targets);
	};
	app.events.on('access-changed', onAccessChanged);

	// The periodic re-check, a few connections per tick (see `dueForRecheck`): re-checking 50
	// connections at once every 30 s raised the fan-out p99 of every benchmark round it fell in
	// by 40–60 % (docs/collab.md).
	let sweeping = false;
	const sweep = setInterval(() => {
		if (sweeping || !conns.size) return;
		const now = Date.now();
		const due = dueForRecheck(conns, now, sweepMs, recheckTickMs(sweepMs));
		if (!due.length) return;
		for (const c of due) c.checkedAt = now;
		sweeping = true;
		void applyVerdicts(due).finally(() => (sweeping = false));
	}, recheckTickMs(sweepMs));
	sweep.unref();

	return {
		handleUpgrade,
		refuseUpgrade(socket, status, code, message) {
			socket.on('error', () => socket.destroy());
			refuseUpgrade(socket, status, code, message);
		},
		documents,
		stats: () => ({ documents: documents.size, connections: conns.size }),
		async close() {
			if (closing) return;
			closing = true;
			app.events.off('access-changed', onAccessChanged);
			clearInterval(sweep);
			clearInterval(resetCounts);
			for (const c of conns) closeSocket(c.ws, CLOSE.goingAway, 'server shutting down');
			await documents.close();
			bridge?.close();
			for (const c of conns) c.ws.terminate();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
			if (app.liveDocs === documents) app.liveDocs = undefined;
		}
	};
}
