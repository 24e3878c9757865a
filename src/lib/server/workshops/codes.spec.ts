import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, formatJoinCode, generateJoinCode, normaliseJoinCode } from './codes.ts';

describe('join codes', () => {
	it('are six characters from an alphabet without look-alikes', () => {
		for (let i = 0; i < 200; i++) {
			const code = generateJoinCode();
			expect(code).toHaveLength(CODE_LENGTH);
			for (const ch of code) expect(CODE_ALPHABET).toContain(ch);
		}
		for (const lookalike of ['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B']) expect(CODE_ALPHABET).not.toContain(lookalike);
	});

	it('use every character of the alphabet', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 500; i++) for (const ch of generateJoinCode()) seen.add(ch);
		expect(seen.size).toBe(CODE_ALPHABET.length);
	});

	it('accept what people type: lower case, spaces and dashes', () => {
		expect(normaliseJoinCode(' acd-efg ')).toBe('ACDEFG');
		expect(normaliseJoinCode('acd efg')).toBe('ACDEFG');
	});

	it('reject anything that cannot be a code', () => {
		expect(normaliseJoinCode('ACDEF')).toBeNull();
		expect(normaliseJoinCode('ACDEFGH')).toBeNull();
		expect(normaliseJoinCode('ACDEF0')).toBeNull();
		expect(normaliseJoinCode("' OR 1")).toBeNull();
	});

	it('read in two chunks', () => {
		expect(formatJoinCode('ACDEFG')).toBe('ACD EFG');
	});
});
