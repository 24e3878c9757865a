/**
 * Cross-site request forgery and logout, in a real browser over plain http: SvelteKit's origin
 * check must accept our own form posts (the server stamps the protocol it really serves) and
 * refuse form posts from any other origin; logging out ends the session for good.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { person } from './helpers/accounts.ts';
import { briefEditor, createInitiative, logIn, openBrief, signUp } from './helpers/flows.ts';

test('a same-origin login form post works over plain http', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	const who = person('Erik Formulär', 'erik');
	await signUp(page, who, { name: 'Formby kommun', kind: 'buyer' });
	await context.clearCookies();
	const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
	await logIn(page, who);
	expect((await posted).status()).toBeLessThan(400);
	await expect(page).toHaveURL(/\/initiatives/);
	await context.close();
});

test('a form post from another origin is refused with 403', async ({ page, baseURL }) => {
	// Another site, on another port, with a form that posts to our login page.
	const evil = http.createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(`<!doctype html><html lang="en"><title>Evil</title><form method="POST" action="${baseURL}/login">
			<input name="email" value="someone@example.com"><input name="password" value="x">
			<button type="submit">Go</button></form>`);
	});
	await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
	try {
		const port = (evil.address() as AddressInfo).port;
		await page.goto(`http://localhost:${port}/`);
		const response = page.waitForResponse((r) => r.url().startsWith(`${baseURL}/login`));
		await page.getByRole('button', { name: 'Go' }).click();
		expect((await response).status()).toBe(403);
	} finally {
		await new Promise<void>((resolve) => evil.close(() => resolve()));
	}
});

test('a forged Origin header on a form post or an API write is refused with 403', async ({ request }) => {
	const form = await request.post('/login', {
		headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
		data: 'email=a%40b.se&password=x',
		maxRedirects: 0
	});
	expect(form.status()).toBe(403);
	const api = await request.post('/api/v1/auth/login', {
		headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
		data: { email: 'a@b.se', password: 'x' }
	});
	expect(api.status()).toBe(403);
	expect((await api.json()).error.code).toBeTruthy();
});

test('logging out clears the session cookie and the brief is no longer reachable', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	const who = person('Frida Utloggning', 'frida');
	await signUp(page, who, { name: 'Loggby kommun', kind: 'buyer' });
	const id = await createInitiative(page, 'Digital trygghetsskola', 'Utloggningstest.');
	await openBrief(page, id);
	await briefEditor(page).click();
	await page.keyboard.type('Utkast före utloggning');

	// The same brief open in a second tab.
	const other = await context.newPage();
	await openBrief(other, id);
	await expect(briefEditor(other)).toContainText('Utkast före utloggning');

	const sessionCookies = async () => (await context.cookies()).filter((c) => c.httpOnly);
	expect((await sessionCookies()).length).toBeGreaterThan(0);
	await page.getByRole('button', { name: /logga ut/i }).click();
	// The server closes the other tab's live connection; that tab goes to the login page.
	await expect(other).toHaveURL(/\/login\?next=/, { timeout: 5_000 });
	await expect(other.getByText('Utkast före utloggning')).toHaveCount(0);
	await expect(page.getByRole('link', { name: /logga in/i }).first()).toBeVisible();
	expect(await sessionCookies()).toEqual([]);
	// Nothing of the document stays behind in the browser's storage either (no offline copy).
	const stored = await page.evaluate(async () => ({
		indexedDb: (await indexedDB.databases()).map((d) => d.name),
		caches: await caches.keys(),
		web: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })
	}));
	expect(stored.indexedDb).toEqual([]);
	expect(stored.caches).toEqual([]);
	expect(stored.web).not.toContain('Utkast före utloggning');

	const response = await page.goto(`/initiatives/${id}/brief`);
	await expect(page.getByText('Utkast före utloggning')).toHaveCount(0);
	expect(page.url().includes('/login') || response?.status() === 404 || response?.status() === 401).toBe(true);
	await expect(briefEditor(page)).toHaveCount(0);
	const me = await page.request.get('/api/v1/me');
	expect(me.status()).toBe(401);
	await context.close();
});
