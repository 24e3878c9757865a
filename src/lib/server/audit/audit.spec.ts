import { describe, expect, it } from 'vitest';
import { GENESIS, canonicalJson, rowHash, type HashInput } from './index.ts';

const row: HashInput = {
	prevHash: GENESIS,
	initiativeId: '7d1f6a52-2b0b-4b8e-9a43-1b1a2f0c9e11',
	actorUserId: null,
	actorLabel: 'Maria Lind',
	action: 'member.role_changed',
	data: { role: 'observer', userId: 'abc' },
	at: '2026-11-22T02:00:00.000Z'
};

describe('the journal hash chain', () => {
	it('serialises objects with sorted keys, so insertion order does not change the hash', () => {
		expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
		expect(rowHash({ ...row, data: { userId: 'abc', role: 'observer' } })).toBe(rowHash(row));
	});

	it('changes the hash when any recorded field changes', () => {
		const base = rowHash(row);
		expect(rowHash({ ...row, prevHash: 'f'.repeat(64) })).not.toBe(base);
		expect(rowHash({ ...row, actorLabel: 'Någon annan' })).not.toBe(base);
		expect(rowHash({ ...row, action: 'member.removed' })).not.toBe(base);
		expect(rowHash({ ...row, data: { role: 'team', userId: 'abc' } })).not.toBe(base);
		expect(rowHash({ ...row, at: '2026-11-22T02:00:00.001Z' })).not.toBe(base);
	});

	it('is a 64-character lower-case hex SHA-256', () => {
		expect(rowHash(row)).toMatch(/^[0-9a-f]{64}$/);
	});
});
