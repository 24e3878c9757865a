import { describe, expect, it } from 'vitest';
import * as lit from './literals.ts';

describe('SQL literals for the live-document write path', () => {
	it('quotes text so that quotes and backslashes cannot end the literal', () => {
		expect(lit.text("brief.x")).toBe("E'brief.x'");
		expect(lit.text("a'); drop table users; --")).toBe("E'a''); drop table users; --'");
		expect(lit.text('a\\\'b')).toBe("E'a\\\\''b'");
	});

	it('refuses text with a NUL character and values that are not strings', () => {
		expect(() => lit.text('a\0b')).toThrow(lit.LiteralError);
		expect(() => lit.text(42 as unknown as string)).toThrow(lit.LiteralError);
	});

	it('accepts only UUIDs as ids, and writes a missing id as a typed null', () => {
		expect(lit.uuid('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe("'3f2504e0-4f89-11d3-9a0c-0305e82c3301'::uuid");
		expect(lit.uuid(null)).toBe('null::uuid');
		expect(lit.uuid(undefined)).toBe('null::uuid');
		expect(() => lit.uuid("3f2504e0-4f89-11d3-9a0c-0305e82c330' or 1=1")).toThrow(lit.LiteralError);
		expect(() => lit.uuid('')).toThrow(lit.LiteralError);
	});

	it('accepts only safe integers as numbers', () => {
		expect(lit.int(1024)).toBe('1024');
		expect(() => lit.int(1.5)).toThrow(lit.LiteralError);
		expect(() => lit.int(Number.NaN)).toThrow(lit.LiteralError);
		expect(() => lit.int(2 ** 60)).toThrow(lit.LiteralError);
	});

	it('writes bytes as hex, including a view into a larger buffer', () => {
		expect(lit.bytes(new Uint8Array([0, 15, 255]))).toBe("decode('000fff','hex')");
		const big = new Uint8Array([1, 2, 3, 4, 5]);
		expect(lit.bytes(big.subarray(1, 3))).toBe("decode('0203','hex')");
		expect(() => lit.bytes('00' as unknown as Uint8Array)).toThrow(lit.LiteralError);
	});

	it('writes times in UTC and refuses an invalid date', () => {
		expect(lit.timestamp(new Date(Date.UTC(2026, 10, 22, 5, 6, 7, 89)))).toBe("'2026-11-22T05:06:07.089Z'::timestamptz");
		expect(() => lit.timestamp(new Date('nonsense'))).toThrow(lit.LiteralError);
		expect(() => lit.timestamp('2026-11-22' as unknown as Date)).toThrow(lit.LiteralError);
	});
});
