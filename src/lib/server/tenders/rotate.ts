/**
 * Rotating the seal key: every round's data key is unwrapped with the old seal key and wrapped
 * with the new one, all in one transaction — all rounds or none. The tenders themselves are never
 * decrypted or rewritten: their ciphertext stays byte for byte what was sealed, so every receipt
 * still holds. Used by `scripts/seal-rotate.ts`; stop the server first (a running server keeps
 * the old key in memory).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { asc, eq } from 'drizzle-orm';
import { tenders } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { Config } from '../config.ts';
import * as audit from '../audit/index.ts';
import { forgetSealKeys, rewrapKey, sealKeyPath } from './seal.ts';

export class RotationError extends Error {}

/** Re-wraps every round's data key from `from` to `to` in one transaction; journals the rotation. Answers the number of rounds. */
export async function rotateSealKey(db: Db, from: Uint8Array, to: Uint8Array, by = 'seal-rotate'): Promise<number> {
	if (from.length !== 32 || to.length !== 32) throw new RotationError('A seal key is 32 bytes.');
	return db.transaction(async (tx) => {
		const rows = await tx.select({ id: tenders.id, wrappedKey: tenders.wrappedKey }).from(tenders).orderBy(asc(tenders.id)).for('update');
		for (const row of rows) {
			let rewrapped: Uint8Array;
			try {
				rewrapped = rewrapKey(from, to, row.wrappedKey);
			} catch {
				// Nothing is changed: the transaction rolls back every round re-wrapped so far.
				throw new RotationError(`The old seal key does not open the data key of tender round ${row.id}: nothing was changed.`);
			}
			await tx.update(tenders).set({ wrappedKey: rewrapped }).where(eq(tenders.id, row.id));
		}
		await audit.record(tx, { initiativeId: null, actor: { userId: null, label: by }, action: 'tender.seal_key_rotated', data: { rounds: rows.length } });
		return rows.length;
	});
}

export interface RotationResult {
	rounds: number;
	/** Key-file installations: the new key file and where the old one was kept. */
	keyFile?: string;
	oldKeyFile?: string;
}

/**
 * Rotates the configured seal key. With `SEAL_KEY`, the new key must be given (`newKey`, from
 * `SEAL_KEY_NEW`); the operator then sets `SEAL_KEY` to it. With the key file under DATA_DIR, a
 * new random key is written next to it first (mode 0600), the rounds are re-wrapped, and only
 * then the files are swapped: the old key stays as `seal.key.<time>.old` until the operator has a
 * backup of the new one and deletes it.
 */
export async function rotateConfigured(db: Db, config: Pick<Config, 'SEAL_KEY' | 'DATA_DIR'>, opts: { newKey?: Uint8Array; now?: Date } = {}): Promise<RotationResult> {
	if (config.SEAL_KEY) {
		if (!opts.newKey) throw new RotationError('SEAL_KEY is set: give the new key as SEAL_KEY_NEW (base64 of 32 bytes).');
		return { rounds: await rotateSealKey(db, Buffer.from(config.SEAL_KEY, 'base64'), opts.newKey) };
	}
	if (config.DATA_DIR.startsWith('memory://')) throw new RotationError('An in-memory database has no seal key to rotate.');
	const path = sealKeyPath(config);
	if (!existsSync(path)) throw new RotationError(`${path} does not exist: there is no seal key to rotate.`);
	const old = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
	if (old.length !== 32) throw new RotationError(`${path} does not hold a base64 32-byte key.`);
	const next = opts.newKey ? Buffer.from(opts.newKey) : randomBytes(32);
	const pendingPath = `${path}.new`;
	writeFileSync(pendingPath, next.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
	let rounds: number;
	try {
		rounds = await rotateSealKey(db, old, next);
	} catch (e) {
		rmSync(pendingPath, { force: true });
		throw e;
	}
	const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
	const oldKeyFile = `${path}.${stamp}.old`;
	renameSync(path, oldKeyFile);
	renameSync(pendingPath, path);
	forgetSealKeys();
	return { rounds, keyFile: path, oldKeyFile };
}
