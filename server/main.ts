/**
 * The production server: one HTTP server on one port serving the built SvelteKit handler and
 * the live-document endpoint `/yjs/*`. `startServer` is also what integration tests start on
 * port 0.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getApp, type App } from '../src/lib/server/app.ts';
import { attachToHttpServer } from './attach.ts';
import { startRunner } from '../src/lib/server/jobs/index.ts';
import '../src/lib/server/capabilities.ts';

/** Header names the adapter reads; set by us on each request, never trusted from clients. */
const PROTO_HEADER = 'x-brygga-proto';
const HOST_HEADER = 'x-brygga-host';

export interface RunningServer {
	app: App;
	server: http.Server;
	port: number;
	url: string;
	/** Closes sockets, flushes live documents, stops HTTP, closes the database. */
	close(): Promise<void>;
}

export async function startServer(opts: { app?: App; port?: number; host?: string; handlerPath?: string } = {}): Promise<RunningServer> {
	const app = opts.app ?? (await getApp());
	if (opts.app) {
		// Make this app the process's app before the SvelteKit bundle asks for one.
		(globalThis as Record<symbol, unknown>)[Symbol.for('brygga.app')] = Promise.resolve(app);
	}
	process.env.PROTOCOL_HEADER = PROTO_HEADER;
	process.env.HOST_HEADER = HOST_HEADER;
	// Uploads are multipart bodies up to FILES_MAX_BYTES (plus the form's own bytes); JSON bodies
	// keep their own, much smaller limit in `readJson`.
	process.env.BODY_SIZE_LIMIT = String(app.config.FILES_MAX_BYTES + 64 * 1024);
	const buildDir = process.env.BRYGGA_BUILD ? `../.build/${process.env.BRYGGA_BUILD}/build` : '../build';
	const handlerUrl = new URL(opts.handlerPath ?? `${buildDir}/handler.js`, import.meta.url).href;
	const { handler } = (await import(handlerUrl)) as { handler: http.RequestListener };

	const configured = app.config.ORIGIN ? new URL(app.config.ORIGIN) : null;
	const server = http.createServer((req, res) => {
		const forwarded = app.config.TRUST_PROXY ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() : '';
		req.headers[PROTO_HEADER] = configured ? configured.protocol.slice(0, -1) : forwarded || 'http';
		req.headers[HOST_HEADER] = configured ? configured.host : (req.headers.host ?? 'localhost');
		handler(req, res);
	});
	const collab = await attachToHttpServer(server, app, { otherUpgrades: 'refuse' });

	const port = opts.port ?? app.config.PORT;
	const host = opts.host ?? app.config.HOST;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	const actual = (server.address() as AddressInfo).port;
	const jobs = startRunner(app, app.config.JOBS_INTERVAL_SECONDS * 1000);
	const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;

	let closing: Promise<void> | undefined;
	return {
		app,
		server,
		port: actual,
		url: `http://${shownHost}:${actual}`,
		close() {
			closing ??= (async () => {
				await jobs.stop();
				await collab.close();
				await new Promise<void>((resolve) => {
					server.close(() => resolve());
					server.closeAllConnections();
				});
				await app.close();
			})();
			return closing;
		}
	};
}
