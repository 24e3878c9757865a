/**
 * Multi-process mode: several identical Brygga processes on one PostgreSQL, with Redis for what
 * must reach every process at once (live-document fan-out, access changes, rate-limit counts).
 * On only when `REDIS_URL` is set; without it nothing here runs and one process is the whole
 * server, as before. PostgreSQL stays the one source of truth: Redis carries only messages that
 * a process can do without, because it catches up from the database after missing any
 * (docs/collab.md, "Several processes").
 *
 * Why Redis pub/sub through the official `redis` client (node-redis), and not y-redis or
 * Hocuspocus's Redis extension: y-redis makes Redis streams the store of record for documents and
 * needs its own worker to persist them — Brygga's guarantee is the opposite (an update is
 * committed to PostgreSQL, with its authorship row, before anyone sees it). Hocuspocus's
 * extension is built around Hocuspocus's hooks and its debounced store, and relays awareness per
 * change. Here the database already orders and keeps every update, so the hop between processes
 * only has to be fast and at-least-once-with-repair: pub/sub plus per-document sequence numbers
 * and a reload from the database after a gap or a reconnect.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from './log.ts';
import type { AccessChanged, Events } from './events.ts';

export interface Cluster {
	/** `<host>:<pid>:<random>`: unique per process start, so a restarted process is a new publisher. */
	readonly processId: string;
	/** Key and channel prefix (`REDIS_PREFIX`): several installations (or test runs) share one Redis. */
	readonly prefix: string;
	/** Sends a message to every process (this one's own subscribers ignore what it sent itself where they must). */
	publish(channel: string, message: Buffer | string): Promise<void>;
	/** Listens on a channel (bytes); resolves once Redis confirmed the subscription. */
	subscribe(channel: string, listener: (message: Buffer) => void): Promise<void>;
	unsubscribe(channel: string, listener: (message: Buffer) => void): Promise<void>;
	/**
	 * Calls `fn` whenever messages may have been lost: this process's subscriber connection came
	 * back after a drop, or another process announced that its publisher lost messages. Returns
	 * the unsubscribe function.
	 */
	onMissedMessages(fn: () => void): () => void;
	/** Whether Redis answers (for `/healthz`). */
	ping(): Promise<boolean>;
	close(): Promise<void>;
}

export interface ClusterOptions {
	url: string;
	prefix: string;
	log: Logger;
}

/** Connects the publisher and the subscriber. Throws when Redis cannot be reached at start. */
export async function connectCluster(opts: ClusterOptions): Promise<Cluster> {
	const processId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
	const { log, prefix } = opts;
	const reconnectStrategy = (retries: number) => Math.min(50 * 2 ** retries, 2000);
	const pub: RedisClientType = createClient({ url: opts.url, socket: { reconnectStrategy, connectTimeout: 5000 }, commandsQueueMaxLength: 50_000 });
	const sub: RedisClientType = pub.duplicate();
	const missed = new Set<() => void>();
	const resyncChannel = `${prefix}resync`;
	let closing = false;

	// A client that was connected once and drops: messages sent meanwhile are gone (pub/sub is
	// at-most-once), so every process that may have missed something reloads from the database.
	let subWasReady = false;
	let pubWasReady = false;
	for (const [name, client] of [['publisher', pub], ['subscriber', sub]] as const) {
		client.on('error', (err: Error) => {
			if (!closing) log.warn('cluster.redis_error', { client: name, error: err.message });
		});
		client.on('reconnecting', () => {
			if (!closing) log.warn('cluster.redis_reconnecting', { client: name });
		});
	}
	sub.on('ready', () => {
		if (subWasReady) {
			log.info('cluster.redis_resubscribed', {});
			for (const fn of missed) fn();
		}
		subWasReady = true;
	});
	pub.on('ready', () => {
		if (pubWasReady) {
			// Publishes that were in flight when the socket dropped were rejected: tell everyone.
			void pub.publish(resyncChannel, processId).catch(() => {});
		}
		pubWasReady = true;
	});

	await pub.connect();
	await sub.connect();
	await sub.subscribe(resyncChannel, (message) => {
		if (message.toString() === processId) return;
		for (const fn of missed) fn();
	}, true);

	return {
		processId,
		prefix,
		async publish(channel, message) {
			await pub.publish(channel, message);
		},
		subscribe: (channel, listener) => sub.subscribe(channel, listener, true),
		// Never waits long: with Redis away the command would sit in the offline queue, and nobody
		// (an unloading document, a shutdown) should wait for that.
		unsubscribe: (channel, listener) => within(1000, sub.unsubscribe(channel, listener, true)),
		onMissedMessages(fn) {
			missed.add(fn);
			return () => missed.delete(fn);
		},
		async ping() {
			try {
				const answer = await Promise.race([pub.ping(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref())]);
				return answer === 'PONG';
			} catch {
				return false;
			}
		},
		async close() {
			closing = true;
			missed.clear();
			// A clean QUIT when Redis answers; with Redis away, drop the connections.
			for (const client of [sub, pub]) {
				await within(2000, client.close()).catch(() => {});
				if (client.isOpen) client.destroy();
			}
		}
	};
}

/** Resolves when `p` does, or after `ms` (whatever `p` then does is ignored). */
function within(ms: number, p: Promise<unknown>): Promise<void> {
	p.catch(() => {});
	return Promise.race([p.then(() => {}), new Promise<void>((r) => setTimeout(r, ms).unref())]);
}

/** Access changes as they travel between processes. */
interface RemoteAccessChanged extends AccessChanged {
	from: string;
}

/**
 * Relays `access-changed` between processes: an event emitted here is published; an event from
 * another process is emitted here with `remote` set (and not published again), so the collab
 * server closes the affected sockets on every process — removals, logouts and disabled accounts
 * act everywhere within the same few milliseconds as locally.
 */
export async function relayAccessChanges(cluster: Cluster, events: Events, log: Logger): Promise<() => Promise<void>> {
	const channel = `${cluster.prefix}access-changed`;
	const onLocal = (event: AccessChanged) => {
		if (event.remote) return;
		const message: RemoteAccessChanged = { ...event, from: cluster.processId };
		cluster.publish(channel, JSON.stringify(message)).catch((err) => log.error('cluster.publish_failed', { channel: 'access-changed', error: String(err) }));
	};
	const onRemote = (raw: Buffer) => {
		let event: RemoteAccessChanged;
		try {
			event = JSON.parse(raw.toString());
		} catch {
			return;
		}
		if (event.from === cluster.processId) return;
		const { from: _from, ...rest } = event;
		events.emit('access-changed', { ...rest, remote: true });
	};
	events.on('access-changed', onLocal);
	await cluster.subscribe(channel, onRemote);
	return async () => {
		events.off('access-changed', onLocal);
		await cluster.unsubscribe(channel, onRemote).catch(() => {});
	};
}

/**
 * Makes an in-memory limiter count what every process counts: each call of a listed method runs
 * here and is published; the other processes run the same call with the same time. The limiters
 * keep their synchronous interface (callers ask "may this attempt go ahead?" without a round
 * trip), and a process learns of another's attempt within a millisecond or two. `methods` maps a
 * method name to the index of its optional `now`/`at` argument, filled in before publishing.
 */
export function replicate<T extends object>(cluster: Cluster, name: string, target: T, methods: Partial<Record<keyof T & string, number>>, log: Logger): T {
	const channel = `${cluster.prefix}limits:${name}`;
	const call = (method: string, args: unknown[]) => (target as Record<string, (...a: unknown[]) => unknown>)[method](...args);
	void cluster
		.subscribe(channel, (raw) => {
			try {
				const { from, method, args } = JSON.parse(raw.toString()) as { from: string; method: string; args: unknown[] };
				if (from !== cluster.processId && method in methods) call(method, args);
			} catch (err) {
				log.warn('cluster.bad_limit_message', { name, error: String(err) });
			}
		})
		.catch((err) => log.error('cluster.subscribe_failed', { channel: name, error: String(err) }));
	return new Proxy(target, {
		get(obj, prop, receiver) {
			const timeIndex = typeof prop === 'string' ? (methods as Record<string, number | undefined>)[prop] : undefined;
			if (timeIndex === undefined) {
				const value = Reflect.get(obj, prop, receiver);
				return typeof value === 'function' ? value.bind(obj) : value;
			}
			return (...args: unknown[]) => {
				if (timeIndex >= 0 && args[timeIndex] === undefined) {
					while (args.length < timeIndex) args.push(undefined);
					args[timeIndex] = Date.now();
				}
				const result = call(prop as string, args);
				cluster
					.publish(channel, JSON.stringify({ from: cluster.processId, method: prop, args }))
					.catch((err) => log.error('cluster.publish_failed', { channel: name, error: String(err) }));
				return result;
			};
		}
	});
}
