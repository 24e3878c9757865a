/** The HTTP surface as a whole: health, security headers, API error shape, cross-site refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { testDbKind } from '../helpers/db.ts';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.stop();
});

describe(`the HTTP surface on ${testDbKind()}`, () => {
	it('answers /healthz with 200, the database ok and Redis off (one process), with the process id', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ status: 'ok', database: 'ok', redis: 'off', pid: process.pid });
	});

	it('sends the security headers and a CSP that forbids framing, plugins and base changes on pages', async () => {
		for (const path of ['/', '/login', '/this-page-does-not-exist']) {
			const res = await fetch(`${server.url}${path}`);
			const csp = res.headers.get('content-security-policy') ?? '';
			expect(csp, path).toContain("frame-ancestors 'none'");
			expect(csp, path).toContain("object-src 'none'");
			expect(csp, path).toContain("base-uri 'none'");
			expect(csp, path).toMatch(/script-src 'self'( 'nonce-[^']+')?/);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
			expect(res.headers.get('x-frame-options'), path).toBe('DENY');
			expect(res.headers.get('cache-control'), path).toBe('no-store');
		}
	});

	it('serves pages in Swedish by default and in English when the language cookie says so', async () => {
		const sv = await (await fetch(`${server.url}/`)).text();
		expect(sv).toContain('<html lang="sv"');
		const en = await (await fetch(`${server.url}/`, { headers: { cookie: 'brygga_lang=en' } })).text();
		expect(en).toContain('<html lang="en"');
	});

	it('answers unknown API paths with a JSON 404 in the error shape, for every method', async () => {
		for (const method of ['GET', 'POST', 'DELETE']) {
			const res = await fetch(`${server.url}/api/v1/no/such/thing`, { method, headers: { origin: server.url } });
			expect(res.status).toBe(404);
			const body = await res.json();
			expect(body.error.code).toBe('not_found');
			expect(typeof body.error.message).toBe('string');
		}
	});

	it('refuses a cross-site JSON write to the API before it reaches the endpoint', async () => {
		const variants: Array<Record<string, string>> = [
			{ origin: 'https://evil.example', 'content-type': 'application/json' },
			{ 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }
		];
		for (const headers of variants) {
			const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers, body: '{}' });
			expect(res.status).toBe(403);
			expect((await res.json()).error.code).toMatch(/cross_(site|origin)/);
		}
	});

	it('refuses cross-origin form posts to pages (SvelteKit origin check), for every form content type', async () => {
		for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'TEXT/PLAIN']) {
			const res = await fetch(`${server.url}/login`, {
				method: 'POST',
				headers: { origin: 'https://evil.example', 'content-type': type },
				body: type.startsWith('multipart') ? '--x--\r\n' : 'email=a'
			});
			expect(res.status, type).toBe(403);
		}
	});
});
