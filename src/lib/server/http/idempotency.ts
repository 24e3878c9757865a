/**
 * Idempotency keys for requests a phone on a slow network may send twice: a double tap, or a
 * retry after an answer that never arrived. The client sends one key per intended change
 * (`Idempotency-Key`, or a hidden form field); the first request with a key does the work and
 * its answer is stored under the key, every later one with that key gets the stored answer and
 * changes nothing. A repeat that arrives while the first is still running waits for it.
 * Keys are scoped to their owner (a user or a guest) and purpose, and kept for 24 hours.
 *
 * Only successful answers are kept: when the first request fails (phase closed, validation,
 * database trouble), its key is released, so the client may try again with the same key.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, lt } from 'drizzle-orm';
import { idempotencyKeys } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { Actor } from '../access/policy.ts';
import { ApiError } from './api.ts';

export const KEY_TTL_MS = 24 * 3_600_000;
/** How long a repeat waits for the first request before answering "still in progress". */
const WAIT_MS = 15_000;
/** A first request that has not finished after this long is taken to have died with its process. */
const ABANDONED_MS = 120_000;

/** Keys are 8–128 printable ASCII characters (a UUID fits); anything else is refused with 400. */
export function parseKey(raw: string | null | undefined): string | null {
	if (raw === null || raw === undefined || raw === '') return null;
	if (!/^[\x21-\x7e]{8,128}$/.test(raw)) throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key ska vara 8–128 synliga ASCII-tecken, till exempel ett UUID.');
	return raw;
}

export function ownerOf(actor: Actor): string {
	if (actor.kind === 'user') return `user:${actor.userId}`;
	if (actor.kind === 'guest') return `guest:${actor.guestId}`;
	throw new ApiError(401, 'unauthenticated', 'Du behöver logga in.');
}

export const fingerprint = (body: unknown) => encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(body))));

export interface Stored<T> {
	status: number;
	body: T;
	/** True when this is the stored answer of an earlier request with the same key. */
	replayed: boolean;
}

const lastSweep = new WeakMap<Db, number>();

/** Drops expired keys now and then (at most every 10 minutes per database). */
async function sweep(db: Db, now: number): Promise<void> {
	if (now - (lastSweep.get(db) ?? 0) < 600_000) return;
	lastSweep.set(db, now);
	await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now - KEY_TTL_MS)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` once per (owner, scope, key). Without a key it simply runs. The claim is an
 * `INSERT … ON CONFLICT DO NOTHING` on the key's primary key, so of two parallel requests exactly
 * one does the work; the other waits for the stored answer.
 */
export async function once<T>(
	db: Db,
	opts: { owner: string; scope: string; key: string | null; request: unknown },
	work: () => Promise<{ status: number; body: T }>
): Promise<Stored<T>> {
	if (!opts.key) return { ...(await work()), replayed: false };
	const now = Date.now();
	await sweep(db, now);
	const fp = fingerprint(opts.request);
	const where = and(eq(idempotencyKeys.owner, opts.owner), eq(idempotencyKeys.scope, opts.scope), eq(idempotencyKeys.key, opts.key));
	const deadline = now + WAIT_MS;
	for (;;) {
		const [claimed] = await db
			.insert(idempotencyKeys)
			.values({ owner: opts.owner, scope: opts.scope, key: opts.key, fingerprint: fp })
			.onConflictDoNothing()
			.returning({ key: idempotencyKeys.key });
		if (claimed) {
			let answer: { status: number; body: T };
			try {
				answer = await work();
			} catch (err) {
				await db.delete(idempotencyKeys).where(where);
				throw err;
			}
			await db.update(idempotencyKeys).set({ status: answer.status, response: answer.body as object }).where(where);
			return { ...answer, replayed: false };
		}
		const [row] = await db.select().from(idempotencyKeys).where(where).limit(1);
		if (!row) continue; // released by a failed first request: claim it ourselves
		const age = Date.now() - row.createdAt.getTime();
		if (age >= KEY_TTL_MS || (row.status === null && age >= ABANDONED_MS)) {
			await db.delete(idempotencyKeys).where(and(where, eq(idempotencyKeys.createdAt, row.createdAt)));
			continue;
		}
		if (row.fingerprint !== fp) {
			throw new ApiError(422, 'idempotency_key_reused', 'Nyckeln (Idempotency-Key) har redan använts för en annan förfrågan.');
		}
		if (row.status !== null) return { status: row.status, body: row.response as T, replayed: true };
		if (Date.now() >= deadline) throw new ApiError(409, 'idempotency_in_progress', 'Samma förfrågan behandlas redan. Försök igen om en stund.');
		await sleep(50);
	}
}
