import { describe, expect, it } from 'vitest';
import { ARGON2_PARAMS, hashPassword, passwordProblem, verifyDummy, verifyPassword } from './password.ts';

const of = (n: number, base = 'kråkslottet-') => base.repeat(Math.ceil(n / base.length)).slice(0, n);

describe('password rules', () => {
	it('refuses 11 characters and accepts 12, 64, 128 and 256', () => {
		expect(passwordProblem(of(11))).toBe('too_short');
		for (const n of [12, 64, 128, 256]) expect(passwordProblem(of(n)), String(n)).toBeNull();
	});

	it('refuses 257 characters instead of truncating', () => {
		expect(passwordProblem(of(257))).toBe('too_long');
	});

	it('counts characters, not bytes: twelve Swedish letters are enough', () => {
		expect(passwordProblem('åäöåäöåäöåäö')).toBeNull();
	});

	it('has no composition rules: a long run of one letter is accepted', () => {
		expect(passwordProblem('a'.repeat(20))).toBeNull();
	});

	it('refuses the most common passwords from the bundled list, whatever their case', () => {
		expect(passwordProblem('qwerty123456')).toBe('common');
		expect(passwordProblem('PASSWORD1234')).toBe('common');
		expect(passwordProblem('123456789012')).toBe('common');
	});
});

describe('password hashing', () => {
	it('stores argon2id with m=19456 KiB, t=2, p=1 in the PHC string', async () => {
		const phc = await hashPassword('en lång och trygg fras');
		const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(phc);
		expect(match, phc).not.toBeNull();
		const [, m, t, p] = match!.map(Number);
		expect({ memoryCost: m, timeCost: t, parallelism: p }).toEqual(ARGON2_PARAMS);
		expect(m).toBeGreaterThanOrEqual(19 * 1024);
	});

	it('verifies the right password and refuses one whose last character changed', async () => {
		for (const n of [12, 256]) {
			const pw = of(n);
			const phc = await hashPassword(pw);
			expect(await verifyPassword(phc, pw)).toBe(true);
			const changed = pw.slice(0, -1) + (pw.at(-1) === 'x' ? 'y' : 'x');
			expect(await verifyPassword(phc, changed)).toBe(false);
			expect(await verifyPassword(phc, pw + 'x')).toBe(false);
		}
	});

	it('treats composed and decomposed å as the same password', async () => {
		const phc = await hashPassword('blåbärssoppa i solen');
		expect(await verifyPassword(phc, 'bla\u030abärssoppa i solen')).toBe(true);
	});

	it('answers false, not an error, for a malformed stored hash', async () => {
		expect(await verifyPassword('not-a-hash', 'whatever at all')).toBe(false);
	});

	it('spends a real hash on unknown accounts and always answers false', async () => {
		expect(await verifyDummy('anything long enough')).toBe(false);
	});
});
