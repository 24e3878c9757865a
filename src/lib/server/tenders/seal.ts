/**
 * Sealing tenders at rest. Each round has its own random 256-bit data key; a submission is
 * encrypted with it (AES-256-GCM, fresh 96-bit iv per submission). The data key is stored only
 * wrapped (AES-256-GCM) by the seal key, which never enters the database: `SEAL_KEY` from the
 * configuration, or a key file `seal.key` created with mode 0600 under `DATA_DIR` on first use.
 *
 * A copy of the database alone therefore never reveals a tender. Opening unwraps the data key in
 * memory for the read that needs it; the stored form stays encrypted for good.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { registry } from '../registry.ts';

const IV = 12;
const TAG = 16;

function encrypt(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
	const iv = randomBytes(IV);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
	return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
}

function decrypt(key: Uint8Array, sealed: Uint8Array): Buffer {
	const buf = Buffer.from(sealed);
	const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV));
	decipher.setAuthTag(buf.subarray(IV, IV + TAG));
	return Buffer.concat([decipher.update(buf.subarray(IV + TAG)), decipher.final()]);
}

/**
 * Keys read or made once per process. Process-wide (`registry`): the SvelteKit bundle and the Node
 * entry each hold a copy of this module, and an in-memory database's key must be the same for both
 * (the demo is seeded from the Node entry and read through the bundle).
 */
const keyFiles = registry<Buffer>('seal-keys');

/** The seal key: `SEAL_KEY`, or the key file under DATA_DIR (created once, mode 0600); in memory for `memory://`. */
export function sealKey(config: Pick<Config, 'SEAL_KEY' | 'DATA_DIR'>): Buffer {
	if (config.SEAL_KEY) return Buffer.from(config.SEAL_KEY, 'base64');
	// An in-memory database (tests, a throwaway demo) lives only as long as the process: so does its key.
	if (config.DATA_DIR.startsWith('memory://')) {
		const k = keyFiles.get(config.DATA_DIR) ?? randomBytes(32);
		keyFiles.set(config.DATA_DIR, k);
		return k;
	}
	const path = resolve(join(config.DATA_DIR, 'seal.key'));
	const cached = keyFiles.get(path);
	if (cached) return cached;
	let key: Buffer;
	if (existsSync(path)) {
		key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
		if (key.length !== 32) throw new Error(`${path} does not hold a base64 32-byte key`);
	} else {
		mkdirSync(resolve(config.DATA_DIR), { recursive: true });
		key = randomBytes(32);
		// `wx`: never overwrite a key another process created a moment ago.
		try {
			writeFileSync(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
			chmodSync(path, 0o600);
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
		}
	}
	keyFiles.set(path, key);
	return key;
}

/** Forgets cached key files (after the key-rotation tool replaced one). */
export function forgetSealKeys(): void {
	keyFiles.clear();
}

/** The key file's path for a configuration, whether it exists or not. */
export function sealKeyPath(config: Pick<Config, 'DATA_DIR'>): string {
	return resolve(join(config.DATA_DIR, 'seal.key'));
}

/** A new data key for a round, returned wrapped for storage. */
export function newWrappedKey(seal: Uint8Array): Uint8Array {
	return encrypt(seal, randomBytes(32));
}

export function unwrapKey(seal: Uint8Array, wrapped: Uint8Array): Buffer {
	return decrypt(seal, wrapped);
}

export function sealContent(dataKey: Uint8Array, plaintext: string): Uint8Array {
	return encrypt(dataKey, new TextEncoder().encode(plaintext));
}

export function openContent(dataKey: Uint8Array, sealed: Uint8Array): string {
	return decrypt(dataKey, sealed).toString('utf8');
}

/** Bytes (a tender's attachment) sealed under the round's data key. */
export function sealBytes(dataKey: Uint8Array, plain: Uint8Array): Uint8Array {
	return encrypt(dataKey, plain);
}

export function openBytes(dataKey: Uint8Array, sealed: Uint8Array): Uint8Array {
	return new Uint8Array(decrypt(dataKey, sealed));
}

/** A round's data key wrapped again by another seal key; the data key itself (and so every tender) is unchanged. */
export function rewrapKey(from: Uint8Array, to: Uint8Array, wrapped: Uint8Array): Uint8Array {
	return encrypt(to, decrypt(from, wrapped));
}
