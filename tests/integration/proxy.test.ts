/**
 * The documented deployment, run for real: two processes of the production entry
 * (`node server/index.ts`, demo mode, `TRUST_PROXY=true`) on one fresh PostgreSQL database with
 * Redis, behind nginx and behind HAProxy with the configurations of `docs/deploy/` — the same
 * files `npm run demo:cluster` runs. Everything goes through the proxy: health, a same-origin
 * sign-in and a refused cross-origin one, the upload size bound, a sign-in limit keyed on the
 * address the proxy forwards, live documents on both processes, and a process stopped with
 * SIGTERM while a client types through the proxy.
 *
 * Needs PostgreSQL (`TEST_DATABASE_URL`, else postgres://postgres@127.0.0.1:5432), Redis
 * (`TEST_REDIS_URL`, default redis://127.0.0.1:6379) and the proxy's program; skipped with a
 * line saying which is missing. In the test script's PGlite pass (`BRYGGA_TEST_DB=pglite` with
 * `TEST_DATABASE_URL` set) it is skipped: the PostgreSQL pass runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { freshPostgresDatabase, type TestDatabase } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';
import { liveClient, until, type LiveClient } from '../helpers/live.ts';
import {
	PROXY_KINDS,
	freePort,
	postgresProblem,
	proxyBinary,
	redisReachable,
	startBryggaProcess,
	startProxy,
	type BryggaProcess,
	type ProxyKind,
	type RunningProxy
} from '../../scripts/cluster.ts';
import { LIMITS } from '../../src/lib/server/auth/ratelimit.ts';
import { CLOSE } from '../../src/lib/collab/protocol.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why the tests behind any proxy cannot run here, or null. */
async function sharedSkipReason(): Promise<string | null> {
	if (process.env.BRYGGA_TEST_DB === 'pglite' && process.env.TEST_DATABASE_URL) return 'runs in the PostgreSQL pass, not in this PGlite pass';
	if (await postgresProblem(PG_URL)) return `needs PostgreSQL at ${new URL(PG_URL).host} (set TEST_DATABASE_URL)`;
	if (!(await redisReachable(REDIS_URL))) return `needs Redis at ${REDIS_URL} (set TEST_REDIS_URL)`;
	return null;
}
const shared = await sharedSkipReason();
const missing = Object.fromEntries(PROXY_KINDS.map((k) => [k, shared ?? (proxyBinary(k) ? null : `needs ${k} (apt-get install ${k})`)])) as Record<ProxyKind, string | null>;
for (const k of PROXY_KINDS) if (missing[k]) console.log(`proxy.test.ts: the tests behind ${k} are skipped: ${missing[k]}`);

const text = (c: LiveClient) => c.doc.getText('t').toString();

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.log('proxy.test.ts: the TLS variant is skipped, needs openssl');

/** A self-signed certificate for 127.0.0.1 in `dir` (cert.pem, key.pem). */
function selfSignedCertificate(dir: string): { cert: string; key: string } {
	const cert = path.join(dir, 'cert.pem');
	const key = path.join(dir, 'key.pem');
	const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
	if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
	return { cert, key };
}

/** One request over TLS to 127.0.0.1:`port`, trusting `ca`; resolves with the status and the cookies set. */
function httpsRequest(port: number, ca: string, method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; cookies: string[]; body: string }> {
	return new Promise((resolve, reject) => {
		const req = https.request({ host: '127.0.0.1', port, method, path: pathname, headers, ca: fs.readFileSync(ca) }, (res) => {
			let text = '';
			res.on('data', (d) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, cookies: res.headers['set-cookie'] ?? [], body: text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** Sends only the head of a request with `Content-Length` and resolves with the status the proxy answers before any body. */
function statusForDeclaredBody(port: number, pathname: string, length: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1', () => {
			socket.write(`POST ${pathname} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${length}\r\n\r\n`);
		});
		let head = '';
		socket.on('data', (d) => {
			head += d;
			const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
			if (m) {
				socket.destroy();
				resolve(Number(m[1]));
			}
		});
		socket.on('error', reject);
		setTimeout(() => reject(new Error('no answer')), 10_000).unref();
	});
}

for (const kind of PROXY_KINDS) {
	describe.skipIf(missing[kind])(`two processes behind ${kind}`, () => {
		let db: TestDatabase;
		let runDir: string;
		let a: BryggaProcess;
		let b: BryggaProcess;
		let proxy: RunningProxy;
		let base: string;
		const clients: LiveClient[] = [];

		beforeAll(async () => {
			db = await freshPostgresDatabase(PG_URL);
			runDir = fs.mkdtempSync(path.join(os.tmpdir(), `brygga-${kind}-`));
			const env = {
				DATABASE_URL: db.url!,
				REDIS_URL,
				REDIS_PREFIX: `brygga-proxy-${process.pid}-${kind}:`,
				DEMO: 'true',
				TRUST_PROXY: 'true',
				// No ORIGIN: the origin comes from the Host and X-Forwarded-Proto the proxy sends.
				ORIGIN: '',
				HOST: '127.0.0.1',
				PORT: '0',
				DATA_DIR: runDir,
				SEAL_KEY: randomBytes(32).toString('base64'),
				// collab.connected (debug) says which process a live client reached.
				LOG_LEVEL: 'debug'
			};
			// The first process migrates and seeds the demo; the second starts on a ready database.
			a = await startBryggaProcess(env, { timeoutMs: 100_000 });
			b = await startBryggaProcess(env, { timeoutMs: 100_000 });
			proxy = await startProxy(kind, { port: await freePort(), upstreams: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`], runDir: path.join(runDir, kind) });
			base = proxy.url;
		}, 240_000);

		afterAll(async () => {
			for (const c of clients) c.destroy();
			await proxy?.stop('SIGTERM', 5000);
			await Promise.all([a?.stop('SIGTERM', 15_000), b?.stop('SIGTERM', 15_000)]);
			await db?.drop();
			if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
		}, 60_000);

		/** Which of the two processes logged the latest live connection, by their counts before and after. */
		const connections = () => [a.events('collab.connected').length, b.events('collab.connected').length] as const;

		it('answers /healthz from both processes, with database and Redis up', async () => {
			const pids = new Set<number>();
			for (let i = 0; i < 6; i++) {
				const res = await fetch(`${base}/healthz`);
				expect(res.status).toBe(200);
				const body = (await res.json()) as { status: string; database: string; redis: string; pid: number };
				expect(body).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
				pids.add(body.pid);
			}
			expect([...pids].sort()).toEqual([a.pid, b.pid].sort());
		});

		it('signs in with a same-origin form post (a client-sent X-Forwarded-Proto is replaced) and refuses a cross-origin one', async () => {
			const form = { 'content-type': 'application/x-www-form-urlencoded' };
			const foreign = new Client(base);
			const refused = await foreign.request('POST', '/login?/demo', 'persona=process_leader', { ...form, origin: 'https://elak.example' });
			expect(refused.status).toBe(403);
			expect(foreign.cookieHeader()).toBe('');

			// Were the client's https passed on, the app's own origin would be https://… and this
			// same-origin post (Origin http://…) would be refused as cross-site.
			const leader = new Client(base);
			const res = await leader.request('POST', '/login?/demo', 'persona=process_leader', { ...form, 'x-forwarded-proto': 'https' });
			expect(res.status).toBeLessThan(400);
			expect(leader.cookieHeader()).toMatch(/brygga_session=/);
			const list = (await (await leader.get('/api/v1/initiatives')).json()) as { initiatives: Array<{ id: string }> } | Array<{ id: string }>;
			expect((Array.isArray(list) ? list : list.initiatives).length).toBeGreaterThan(0);
		});

		it.skipIf(!hasOpenssl)('serves the TLS variant of the configuration and forwards https: a same-origin sign-in from https://… passes, one from http://… is refused', async () => {
			const dir = path.join(runDir, `${kind}-tls`);
			fs.mkdirSync(dir, { recursive: true });
			const tls = selfSignedCertificate(dir);
			const port = await freePort();
			const secure = await startProxy(kind, { port, upstreams: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`], runDir: dir, tls });
			try {
				const health = await httpsRequest(port, tls.cert, 'GET', '/healthz');
				expect(health.status).toBe(200);
				const form = { 'content-type': 'application/x-www-form-urlencoded' };
				// The processes have no ORIGIN: their origin is https only if the proxy says so.
				const signedIn = await httpsRequest(port, tls.cert, 'POST', '/login?/demo', { ...form, origin: `https://127.0.0.1:${port}` }, 'persona=process_leader');
				expect(signedIn.status).toBeLessThan(400);
				expect(signedIn.cookies.join('\n')).toMatch(/brygga_session=/);
				const downgraded = await httpsRequest(port, tls.cert, 'POST', '/login?/demo', { ...form, origin: `http://127.0.0.1:${port}` }, 'persona=process_leader');
				expect(downgraded.status).toBe(403);
			} finally {
				await secure.stop('SIGTERM', 5000);
			}
		});

		it('passes a body of upload size to the app (buffered by the proxy) and refuses a larger one before it reaches a process', async () => {
			const upload = await fetch(`${base}/api/v1/files`, { method: 'POST', headers: { origin: base, 'content-type': 'application/octet-stream' }, body: Buffer.alloc(2 * 1024 * 1024, 7) });
			// The app's own answer (no session), not the proxy's.
			expect(upload.status).toBe(401);
			expect(((await upload.json()) as { error: { code: string } }).error.code).toBeTruthy();
			expect(await statusForDeclaredBody(proxy.port, '/api/v1/files', 30 * 1024 * 1024)).toBe(413);
		});

		it('holds a sign-in limit across both processes, keyed on the address the proxy forwards, not on one the client sends', async () => {
			const email = `ingen-${Date.now()}@example.se`;
			const attempt = (i: number) =>
				fetch(`${base}/api/v1/auth/login`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-for': `203.0.113.${i + 1}` },
					body: JSON.stringify({ email, password: 'fel-lösenord-123' })
				});
			for (let i = 0; i < LIMITS.loginPair.max; i++) expect((await attempt(i)).status).toBe(401);
			// The failures were counted on both processes, each under the proxy's address.
			const failed = [...a.events('auth.login_failed'), ...b.events('auth.login_failed')];
			expect(a.events('auth.login_failed').length).toBeGreaterThan(0);
			expect(b.events('auth.login_failed').length).toBeGreaterThan(0);
			expect(new Set(failed.map((e) => e.ip))).toEqual(new Set(['127.0.0.1']));
			// Replication through Redis is asynchronous; then the next attempt is limited wherever it lands.
			await new Promise((r) => setTimeout(r, 300));
			for (let i = 0; i < 2; i++) {
				const limited = await attempt(100 + i);
				expect(limited.status).toBe(429);
				expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
			}
			expect(a.events('auth.login_limited').length + b.events('auth.login_limited').length).toBe(2);
		});

		async function signedIn(): Promise<{ cookie: string; docName: string }> {
			const leader = new Client(base);
			await leader.request('POST', '/login?/demo', 'persona=process_leader', { 'content-type': 'application/x-www-form-urlencoded' });
			const list = (await (await leader.get('/api/v1/initiatives')).json()) as { initiatives: Array<{ id: string }> } | Array<{ id: string }>;
			return { cookie: leader.cookieHeader(), docName: `brief.${(Array.isArray(list) ? list : list.initiatives)[0].id}` };
		}

		/** Opens a live client through the proxy and says which process (0 = a, 1 = b) it reached. */
		async function throughProxy(cookie: string, docName: string, doc?: Y.Doc): Promise<[LiveClient, 0 | 1]> {
			const before = connections();
			const client = liveClient(base, docName, { cookie, doc });
			clients.push(client);
			await client.synced;
			await until(() => connections()[0] + connections()[1] > before[0] + before[1], 5000, 'the connection logged');
			return [client, connections()[0] > before[0] ? 0 : 1];
		}

		let typist: LiveClient, reader: LiveClient, typistOn: 0 | 1;
		let session: { cookie: string; docName: string };

		it('spreads two live clients over both processes, and their edits converge', async () => {
			session = await signedIn();
			[typist, typistOn] = await throughProxy(session.cookie, session.docName);
			let readerOn: 0 | 1;
			[reader, readerOn] = await throughProxy(session.cookie, session.docName);
			// least_conn / leastconn: the second client goes to the process with fewer connections.
			expect(readerOn).not.toBe(typistOn);
			typist.doc.getText('t').insert(0, 'Från den ena. ');
			await until(() => text(reader).includes('Från den ena.'), 5000, 'reader sees typist');
			reader.doc.getText('t').insert(text(reader).length, 'Från den andra.');
			await until(() => text(typist).includes('Från den andra.'), 5000, 'typist sees reader');
			for (let i = 0; i < 30; i++) {
				typist.doc.getText('t').insert(0, `x${i} `);
				reader.doc.getText('t').insert(text(reader).length, ` y${i}`);
			}
			await until(() => text(typist) === text(reader) && text(typist).includes('x29') && text(typist).includes('y29'), 8000, 'converged');
		});

		it('moves a typing client through the proxy to the other process when its process gets SIGTERM, losing nothing received', async () => {
			const stopped = typistOn === 0 ? a : b;
			const survivor = typistOn === 0 ? b : a;
			const survivorConnections = () => connections()[typistOn === 0 ? 1 : 0];
			const before = survivorConnections();
			let n = 0;
			const typing = setInterval(() => typist.doc.getArray<string>('ord').push([`w${n++}`]), 10);
			try {
				await until(() => reader.doc.getArray('ord').length >= 50, 10_000, 'reader receives the typing');
				const code = await stopped.stop('SIGTERM', 15_000);
				expect(code).toBe(0);
				expect(typist.closes.some((c) => c.code === CLOSE.goingAway)).toBe(true);
				const received = reader.doc.getArray<string>('ord').toArray();
				// The provider reconnects by itself, through the proxy, to the process still running.
				await until(() => survivorConnections() > before && typist.provider.wsconnected && typist.provider.synced, 15_000, 'typist reconnected');
				const more = n + 20;
				await until(() => n >= more, 5000, 'typing goes on');
				clearInterval(typing);
				const fresh = liveClient(base, session.docName, { cookie: session.cookie, doc: new Y.Doc() });
				clients.push(fresh);
				await fresh.synced;
				const expected = n;
				await until(
					() => [fresh, reader, typist].every((c) => c.doc.getArray('ord').length === expected),
					10_000,
					'everyone converges on the surviving process'
				);
				const stored = new Set(fresh.doc.getArray<string>('ord').toArray());
				expect(received.length).toBeGreaterThanOrEqual(50);
				expect(received.filter((w) => !stored.has(w))).toEqual([]);
				expect(reader.doc.getArray('ord').toArray()).toEqual(fresh.doc.getArray('ord').toArray());
				expect(typist.doc.getArray('ord').toArray()).toEqual(fresh.doc.getArray('ord').toArray());
				const health = (await (await fetch(`${base}/healthz`)).json()) as { pid: number };
				expect(health.pid).toBe(survivor.pid);
			} finally {
				clearInterval(typing);
			}
		});
	});
}
