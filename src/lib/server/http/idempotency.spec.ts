import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { fingerprint, ownerOf, parseKey } from './idempotency.ts';

describe('idempotency keys', () => {
	it('accept 8–128 visible ASCII characters and treat an absent key as none', () => {
		expect(parseKey(null)).toBeNull();
		expect(parseKey('')).toBeNull();
		expect(parseKey('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
		expect(parseKey('x'.repeat(128))).toHaveLength(128);
	});

	it('refuse short, long, spaced and non-ASCII keys with 400, never a 500', () => {
		for (const bad of ['short', 'x'.repeat(129), 'has space in it', 'nyckel-åäö-1234', 'tab\there-1234']) {
			expect(() => parseKey(bad)).toThrow(ApiError);
			try {
				parseKey(bad);
			} catch (err) {
				expect((err as ApiError).status).toBe(400);
				expect((err as ApiError).code).toBe('invalid_idempotency_key');
			}
		}
	});

	it('belong to a user or a guest, never to an anonymous caller', () => {
		expect(ownerOf({ kind: 'guest', guestId: 'g1', name: 'G', workshopId: 'w' })).toBe('guest:g1');
		expect(() => ownerOf({ kind: 'anonymous' })).toThrow(ApiError);
	});

	it('fingerprint the request body, so the same key with another body can be told apart', () => {
		expect(fingerprint({ text: 'a' })).toBe(fingerprint({ text: 'a' }));
		expect(fingerprint({ text: 'a' })).not.toBe(fingerprint({ text: 'b' }));
	});
});
