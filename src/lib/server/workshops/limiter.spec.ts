import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.ts';

describe('the attempt limiter', () => {
	it('blocks a key after the limit within the window and frees it when the window ends', () => {
		const l = createLimiter({ limit: 3, windowMs: 60_000 });
		const t = 1_000_000;
		for (let i = 0; i < 3; i++) {
			expect(l.blocked('1.2.3.4', t)).toBe(false);
			l.hit('1.2.3.4', t + i);
		}
		expect(l.blocked('1.2.3.4', t + 10)).toBe(true);
		expect(l.retryAfter('1.2.3.4', t + 10)).toBe(60);
		expect(l.blocked('1.2.3.4', t + 60_000)).toBe(false);
	});

	it('counts each key on its own', () => {
		const l = createLimiter({ limit: 1, windowMs: 60_000 });
		l.hit('a', 0);
		expect(l.blocked('a', 1)).toBe(true);
		expect(l.blocked('b', 1)).toBe(false);
	});

	it('stays bounded in memory under many addresses', () => {
		const l = createLimiter({ limit: 1, windowMs: 60_000, maxKeys: 10 });
		for (let i = 0; i < 100; i++) l.hit(`k${i}`, i);
		expect(l.blocked('k99', 100)).toBe(true);
		expect(l.blocked('k0', 100)).toBe(false);
	});
});
