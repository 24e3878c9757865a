/**
 * Running Brygga as several processes behind a reverse proxy, on this machine: the pieces that
 * `npm run demo:cluster` (scripts/demo-cluster.ts) and the integration tests share.
 *
 * - `startBryggaProcess` starts the production entry (`node server/index.ts`) as a child process
 *   and resolves once it listens, keeping its log lines (JSON, with `pid`).
 * - `startProxy` fills in the documented configuration (`docs/deploy/nginx.conf` or
 *   `docs/deploy/haproxy.cfg`) and runs nginx or HAProxy in the foreground, with its pid, log
 *   and temporary files in a folder of its own.
 * - `redisReachable`, `postgresReachable`, `proxyBinary` and `freePort` say what is there.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createClient } from 'redis';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type ProxyKind = 'nginx' | 'haproxy';
export const PROXY_KINDS: readonly ProxyKind[] = ['nginx', 'haproxy'];

/** Where a program is on PATH (or in /usr/sbin, where Debian puts both proxies), or null. */
export function findBinary(name: string): string | null {
	const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
	for (const dir of dirs) {
		if (!dir) continue;
		const candidate = path.join(dir, name);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			if (fs.statSync(candidate).isFile()) return candidate;
		} catch {
			// not here
		}
	}
	return null;
}

/** The proxy's program, or null when it is not installed. */
export function proxyBinary(kind: ProxyKind): string | null {
	return findBinary(kind);
}

/** Whether a Redis server answers PING at `url` within a second. */
export async function redisReachable(url: string): Promise<boolean> {
	const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 1000 } });
	client.on('error', () => {});
	try {
		await client.connect();
		await client.ping();
		await client.close();
		return true;
	} catch {
		return false;
	}
}

/** Null when PostgreSQL at `url` answers a query within a few seconds, else the reason. */
export async function postgresProblem(url: string): Promise<string | null> {
	const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		await sql`select 1`;
		return null;
	} catch (err) {
		return err instanceof Error ? err.message : String(err);
	} finally {
		await sql.end({ timeout: 1 }).catch(() => {});
	}
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
	const srv = net.createServer();
	await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
	const { port } = srv.address() as AddressInfo;
	await new Promise((r) => srv.close(r));
	return port;
}

/** Resolves once something accepts TCP connections on `port` (127.0.0.1), or rejects after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number, what: string): Promise<void> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const open = await new Promise<boolean>((resolve) => {
			const s = net.connect(port, '127.0.0.1');
			s.once('connect', () => {
				s.destroy();
				resolve(true);
			});
			s.once('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > end) throw new Error(`${what} did not listen on port ${port} within ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** A child process this module started, stopped by its own pid. */
export interface Running {
	child: ChildProcess;
	pid: number;
	/** Resolves with the exit code (null after a signal) when the process has ended. */
	exited: Promise<number | null>;
	/** Sends `signal` (default SIGTERM) and waits for the exit; SIGKILL after `graceMs`. */
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

function running(child: ChildProcess): Running {
	const exited = new Promise<number | null>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
		else child.once('exit', (code) => resolve(code));
	});
	return {
		child,
		pid: child.pid!,
		exited,
		async stop(signal = 'SIGTERM', graceMs = 20_000) {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill(signal);
				const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
				timer.unref();
				const code = await exited;
				clearTimeout(timer);
				return code;
			}
			return exited;
		}
	};
}

export interface BryggaProcess extends Running {
	url: string;
	port: number;
	/** Every line the process wrote (stdout and stderr), in order. */
	lines: string[];
	/** The JSON log lines with this `event`. */
	events(event: string): Array<Record<string, unknown>>;
}

/**
 * Starts `node server/index.ts` with `env` added to this process's environment and resolves
 * once it logged `server.started`. `onLine` sees every line (to echo it); a process that exits
 * before it listens rejects with what it wrote.
 */
export function startBryggaProcess(env: Record<string, string>, opts: { onLine?: (line: string) => void; timeoutMs?: number } = {}): Promise<BryggaProcess> {
	const child = spawn(process.execPath, ['server/index.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	const handle = running(child);
	const lines: string[] = [];
	const events = (event: string) =>
		lines.flatMap((l) => {
			if (!l.startsWith('{')) return [];
			try {
				const parsed = JSON.parse(l) as Record<string, unknown>;
				return parsed.event === event ? [parsed] : [];
			} catch {
				return [];
			}
		});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`Brygga did not start within ${(opts.timeoutMs ?? 60_000) / 1000} s:\n${lines.join('\n')}`));
		}, opts.timeoutMs ?? 60_000);
		const onData = (stream: NodeJS.ReadableStream) => {
			let rest = '';
			stream.setEncoding('utf8');
			stream.on('data', (chunk: string) => {
				rest += chunk;
				const parts = rest.split('\n');
				rest = parts.pop()!;
				for (const line of parts) {
					lines.push(line);
					opts.onLine?.(line);
					const started = line.includes('"event":"server.started"') ? (JSON.parse(line) as { url: string }) : null;
					if (started) {
						clearTimeout(timer);
						const port = Number(new URL(started.url).port);
						resolve({ ...handle, url: `http://127.0.0.1:${port}`, port, lines, events });
					}
				}
			});
		};
		onData(child.stdout!);
		onData(child.stderr!);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Brygga exited with ${code} before it listened:\n${lines.join('\n')}`));
		});
	});
}

const TEMPLATES: Record<ProxyKind, string> = {
	nginx: path.join(ROOT, 'docs/deploy/nginx.conf'),
	haproxy: path.join(ROOT, 'docs/deploy/haproxy.cfg')
};

export interface ProxySettings {
	/** Port the proxy listens on (127.0.0.1). */
	port: number;
	/** The two Brygga processes, as `host:port`. */
	upstreams: [string, string];
	/** Folder for the filled-in configuration, pid, logs and temporary files. */
	runDir: string;
	/** Serve TLS with this certificate and key (PEM files), as the production variant in docs/operations.md does. */
	tls?: { cert: string; key: string };
}

/** The documented configuration of `kind` with the placeholders filled in. */
export function renderProxyConfig(kind: ProxyKind, s: ProxySettings): string {
	const address = `127.0.0.1:${s.port}`;
	// The production variant's listen/bind line (docs/operations.md), on a local address.
	const tlsListen: Record<ProxyKind, () => string> = {
		nginx: () => `${address} ssl http2;\n        ssl_certificate ${s.tls!.cert};\n        ssl_certificate_key ${s.tls!.key}`,
		haproxy: () => `${address} ssl crt ${path.join(s.runDir, 'haproxy.pem')}`
	};
	const values: Record<string, string> = {
		listen: s.tls ? tlsListen[kind]() : address,
		upstream_a: s.upstreams[0],
		upstream_b: s.upstreams[1],
		run_dir: s.runDir,
		user: os.userInfo().username
	};
	return fs.readFileSync(TEMPLATES[kind], 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
		if (!(name in values)) throw new Error(`${TEMPLATES[kind]}: unknown placeholder {{${name}}}`);
		return values[name];
	});
}

export interface RunningProxy extends Running {
	kind: ProxyKind;
	port: number;
	url: string;
	configFile: string;
	/** What the proxy wrote to stdout/stderr (nginx's error log is `runDir/error.log`). */
	output: string[];
}

/** Writes the configuration into `runDir`, checks it, starts the proxy in the foreground and waits until it listens. */
export async function startProxy(kind: ProxyKind, s: ProxySettings): Promise<RunningProxy> {
	const bin = proxyBinary(kind);
	if (!bin) throw new Error(`${kind} is not installed (apt-get install ${kind})`);
	fs.mkdirSync(s.runDir, { recursive: true });
	const configFile = path.join(s.runDir, kind === 'nginx' ? 'nginx.conf' : 'haproxy.cfg');
	fs.writeFileSync(configFile, renderProxyConfig(kind, s));
	// HAProxy reads certificate and key from one file.
	if (s.tls && kind === 'haproxy') fs.writeFileSync(path.join(s.runDir, 'haproxy.pem'), fs.readFileSync(s.tls.cert, 'utf8') + fs.readFileSync(s.tls.key, 'utf8'), { mode: 0o600 });
	// nginx's -e: its log before the configuration is read, which is otherwise a system path
	// that an ordinary user cannot open.
	const args = kind === 'nginx' ? ['-p', s.runDir, '-e', path.join(s.runDir, 'error.log'), '-c', configFile] : ['-db', '-f', configFile];
	const check = spawnSync(bin, kind === 'nginx' ? ['-t', '-q', ...args] : ['-c', '-q', '-f', configFile], { encoding: 'utf8' });
	if (check.status !== 0) throw new Error(`${kind} refused ${configFile}:\n${check.stderr}${check.stdout}`);
	const child = spawn(bin, args, { cwd: s.runDir, stdio: ['ignore', 'pipe', 'pipe'] });
	const output: string[] = [];
	child.stdout!.on('data', (d) => output.push(String(d)));
	child.stderr!.on('data', (d) => output.push(String(d)));
	const handle = running(child);
	const failed = handle.exited.then((code) => {
		throw new Error(`${kind} exited with ${code}:\n${output.join('')}`);
	});
	failed.catch(() => {});
	await Promise.race([waitForPort(s.port, 10_000, kind), failed]);
	return { ...handle, kind, port: s.port, url: `${s.tls ? 'https' : 'http'}://127.0.0.1:${s.port}`, configFile, output };
}
