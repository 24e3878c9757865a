/**
 * `npm run demo:cluster [-- --proxy=nginx|haproxy] [--port=8080] [--db-name=brygga_demo]`:
 * the demo served by two identical Brygga processes on one PostgreSQL with Redis, behind nginx
 * or HAProxy with the configuration documented in docs/operations.md (docs/deploy/).
 *
 * - PostgreSQL: `DATABASE_URL`, or a database `--db-name` (default `brygga_demo`) created on
 *   postgres://postgres@127.0.0.1:5432 when unset. Redis: `REDIS_URL` (default redis://127.0.0.1:6379).
 * - Builds the app first when there is no build (`build/`, or `.build/$BRYGGA_BUILD/build/`).
 * - Starts the first process (it migrates and seeds the demo), then the second, then the proxy
 *   (`--proxy`, default nginx when installed, else HAProxy) on `--port` (default 8080).
 * - Ctrl-C or SIGTERM stops the proxy, then both processes (each drains its sockets), and exits
 *   once all three have ended.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import {
	PROXY_KINDS,
	ROOT,
	postgresProblem,
	proxyBinary,
	redisReachable,
	startBryggaProcess,
	startProxy,
	type BryggaProcess,
	type ProxyKind,
	type RunningProxy
} from './cluster.ts';

const { values: args } = parseArgs({
	options: {
		proxy: { type: 'string' },
		port: { type: 'string', default: '8080' },
		'db-name': { type: 'string', default: 'brygga_demo' },
		help: { type: 'boolean', short: 'h' }
	}
});

if (args.help) {
	console.log('npm run demo:cluster [-- --proxy=nginx|haproxy] [--port=8080] [--db-name=brygga_demo]');
	process.exit(0);
}

function fail(message: string): never {
	console.error(`demo:cluster: ${message}`);
	process.exit(1);
}

const proxyPort = Number(args.port);
if (!Number.isInteger(proxyPort) || proxyPort < 1 || proxyPort > 65535) fail(`--port must be a port number, not "${args.port}"`);

// --- the proxy -------------------------------------------------------------------------------
const installed = PROXY_KINDS.filter((k) => proxyBinary(k));
let kind: ProxyKind;
if (args.proxy) {
	if (!PROXY_KINDS.includes(args.proxy as ProxyKind)) fail(`--proxy must be nginx or haproxy, not "${args.proxy}"`);
	kind = args.proxy as ProxyKind;
	if (!proxyBinary(kind)) fail(`${kind} is not installed. Install it (Debian: sudo apt-get install ${kind})${installed.length ? `, or use --proxy=${installed[0]}` : ''}.`);
} else {
	if (!installed.length) fail('neither nginx nor HAProxy is installed. Install one (Debian: sudo apt-get install nginx, or haproxy).');
	kind = installed[0];
}

// --- Redis and PostgreSQL --------------------------------------------------------------------
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
if (!(await redisReachable(redisUrl))) {
	fail(`Redis does not answer at ${redisUrl}. Start it (Debian: sudo apt-get install redis-server), or set REDIS_URL.`);
}

async function database(): Promise<string> {
	if (process.env.DATABASE_URL) {
		const problem = await postgresProblem(process.env.DATABASE_URL);
		if (problem) fail(`PostgreSQL at DATABASE_URL does not answer: ${problem}`);
		return process.env.DATABASE_URL;
	}
	const name = args['db-name']!;
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) fail(`--db-name must be a plain PostgreSQL name (a-z, 0-9, _), not "${name}"`);
	const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
	const problem = await postgresProblem(admin);
	if (problem) fail(`PostgreSQL does not answer at 127.0.0.1:5432 (${problem}). Start it, or set DATABASE_URL.`);
	const sql = postgres(admin, { max: 1, onnotice: () => {} });
	try {
		const [exists] = await sql`select 1 from pg_database where datname = ${name}`;
		if (!exists) {
			await sql.unsafe(`create database ${name}`);
			console.log(`demo:cluster: created the database ${name}`);
		}
	} finally {
		await sql.end();
	}
	return `postgres://postgres@127.0.0.1:5432/${name}`;
}
const databaseUrl = await database();

// --- the build -------------------------------------------------------------------------------
const buildDir = process.env.BRYGGA_BUILD ? path.join(ROOT, '.build', process.env.BRYGGA_BUILD, 'build') : path.join(ROOT, 'build');
if (!fs.existsSync(path.join(buildDir, 'handler.js'))) {
	console.log(`demo:cluster: no build in ${path.relative(ROOT, buildDir)}; building (npm run build)…`);
	const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (built.status !== 0) fail('the build failed (see above).');
}

// --- the processes and the proxy -------------------------------------------------------------
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-cluster-'));
const origin = `http://127.0.0.1:${proxyPort}`;
const env: Record<string, string> = {
	DATABASE_URL: databaseUrl,
	REDIS_URL: redisUrl,
	DEMO: 'true',
	ORIGIN: origin,
	TRUST_PROXY: 'true',
	HOST: '127.0.0.1',
	PORT: '0',
	// Every process must open what another sealed: one key for both.
	SEAL_KEY: process.env.SEAL_KEY || sealKey(),
	// Both processes' log lines go to this terminal; with several processes they carry their pid.
	LOG_LEVEL: process.env.LOG_LEVEL || 'info'
};

/** The demo database's seal key, kept beside the other local data (`data/<db>.seal.key`) so tenders sealed in one run open in the next. */
function sealKey(): string {
	const file = path.join(ROOT, 'data', `${new URL(databaseUrl).pathname.slice(1) || 'demo'}.seal.key`);
	if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
	const key = randomBytes(32).toString('base64');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, key + '\n', { mode: 0o600 });
	return key;
}

const apps: BryggaProcess[] = [];
let proxy: RunningProxy | undefined;
let stopping: Promise<void> | undefined;

/** Stops the proxy first (no new requests), then the processes (each drains its sockets). */
function stopAll(code: number): Promise<void> {
	stopping ??= (async () => {
		await proxy?.stop('SIGTERM', 5000);
		await Promise.all(apps.map((a) => a.stop('SIGTERM', 20_000)));
		fs.rmSync(runDir, { recursive: true, force: true });
		console.log(`demo:cluster: stopped (${kind} and both processes).`);
		process.exit(code);
	})();
	return stopping;
}
process.on('SIGINT', () => {
	console.log('\ndemo:cluster: stopping…');
	void stopAll(0);
});
process.on('SIGTERM', () => void stopAll(0));

const echo = (name: string) => (line: string) => process.stdout.write(`[${name}] ${line}\n`);

async function launch(name: string): Promise<BryggaProcess> {
	const proc = await startBryggaProcess(env, { onLine: echo(name), timeoutMs: 180_000 });
	apps.push(proc);
	// A process that ends on its own takes the demo down with it: nothing half-running stays behind.
	void proc.exited.then((code) => {
		if (!stopping) {
			console.error(`demo:cluster: process ${name} (pid ${proc.pid}) exited with ${code}; stopping the rest.`);
			void stopAll(1);
		}
	});
	return proc;
}

try {
	// The first process migrates and seeds the demo; the second starts on a ready database.
	const a = await launch('a');
	const b = await launch('b');
	const front = await startProxy(kind, { port: proxyPort, upstreams: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`], runDir });
	proxy = front;
	void front.exited.then((code) => {
		if (!stopping) {
			console.error(`demo:cluster: ${kind} exited with ${code}:\n${front.output.join('')}\nstopping the rest.`);
			void stopAll(1);
		}
	});
	console.log(`
Brygga demo on two processes behind ${kind}:

  ${origin}

  processes   a: pid ${a.pid} on ${a.url}    b: pid ${b.pid} on ${b.url}   (/healthz shows which one answered)
  database    ${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}
  redis       ${redisUrl}
  ${kind} config ${front.configFile}

Demo accounts (one click on the login page): Maria Lind (process leader), Ahmed Karimi (team),
Eva Berg (observer), Johan Nilsson (supplier, Golvteknik Norr AB), Sara Holm (supplier,
Städrobot Sverige AB). Maria Lind also signs in with maria.lind@sjostad.example /
brygga-demo-sjostad-2026.

Open ${origin} (that address exactly: ORIGIN is set to it). Ctrl-C stops everything.
`);
} catch (err) {
	console.error(`demo:cluster: ${err instanceof Error ? err.message : String(err)}`);
	await stopAll(1);
}
