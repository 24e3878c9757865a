import { describe, expect, it } from 'vitest';
import { loginUrl, safeNext } from './web.ts';

describe('redirect after sign-in', () => {
	it('follows a path on this site, keeping query and fragment', () => {
		expect(safeNext('/initiatives/abc?tab=brief#top')).toBe('/initiatives/abc?tab=brief#top');
	});

	it('goes to the initiatives when next is missing or empty', () => {
		expect(safeNext(null)).toBe('/initiatives');
		expect(safeNext('')).toBe('/initiatives');
	});

	it('refuses other sites, however they are spelled', () => {
		for (const evil of [
			'https://evil.example/',
			'//evil.example/x',
			'/\\evil.example',
			'\\\\evil.example',
			'javascript:alert(1)',
			'/%0d%0aLocation: https://evil.example',
			'/\t/evil.example',
			'http:/evil.example'
		]) {
			const target = safeNext(evil);
			expect(target.startsWith('/') && !target.startsWith('//'), evil).toBe(true);
			expect(new URL(target, 'http://brygga.invalid').origin, evil).toBe('http://brygga.invalid');
		}
		expect(safeNext('https://evil.example/')).toBe('/initiatives');
		expect(safeNext('//evil.example/x')).toBe('/initiatives');
		expect(safeNext('/\\evil.example')).toBe('/initiatives');
	});

	it('does not send a signed-in person back to the sign-in pages', () => {
		expect(safeNext('/login')).toBe('/initiatives');
		expect(safeNext('/logout')).toBe('/initiatives');
	});

	it('builds a login link that returns to the page', () => {
		expect(loginUrl(new URL('http://x/account?tab=1'))).toBe('/login?next=%2Faccount%3Ftab%3D1');
	});
});
