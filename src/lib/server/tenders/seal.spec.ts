import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newWrappedKey, openContent, sealContent, sealKey, unwrapKey } from './seal.ts';

describe('sealing tenders', () => {
	it('encrypts with the round’s data key and reads back only with it', () => {
		const seal = Buffer.alloc(32, 1);
		const wrapped = newWrappedKey(seal);
		const key = unwrapKey(seal, wrapped);
		const sealed = sealContent(key, '{"priceSek":100}');
		expect(Buffer.from(sealed).includes(Buffer.from('priceSek'))).toBe(false);
		expect(openContent(key, sealed)).toBe('{"priceSek":100}');
		expect(() => openContent(Buffer.alloc(32, 2), sealed)).toThrow();
	});

	it('refuses a data key wrapped by another seal key, and tampered ciphertext', () => {
		const wrapped = newWrappedKey(Buffer.alloc(32, 1));
		expect(() => unwrapKey(Buffer.alloc(32, 3), wrapped)).toThrow();
		const key = unwrapKey(Buffer.alloc(32, 1), wrapped);
		const sealed = sealContent(key, 'anbud');
		sealed[sealed.length - 1] ^= 1;
		expect(() => openContent(key, sealed)).toThrow();
	});

	it('uses SEAL_KEY when configured, else creates one key file with mode 0600 and keeps using it', () => {
		expect(sealKey({ SEAL_KEY: Buffer.alloc(32, 9).toString('base64'), DATA_DIR: '/nonexistent' })).toEqual(Buffer.alloc(32, 9));
		const dir = mkdtempSync(join(tmpdir(), 'brygga-seal-'));
		try {
			const key = sealKey({ SEAL_KEY: undefined, DATA_DIR: dir });
			expect(key).toHaveLength(32);
			expect(statSync(join(dir, 'seal.key')).mode & 0o777).toBe(0o600);
			expect(Buffer.from(readFileSync(join(dir, 'seal.key'), 'utf8').trim(), 'base64')).toEqual(key);
			expect(sealKey({ SEAL_KEY: undefined, DATA_DIR: dir })).toEqual(key);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
