/**
 * Every page a person can reach passes axe-core's WCAG 2.1 A/AA rules with no serious or
 * critical violation — signed out, signed in as the demo process leader (also organisation
 * administrator), and as the platform administrator (a real account: personas never administer
 * the platform).
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { person } from './helpers/accounts.ts';
import { PLATFORM_ADMIN } from './helpers/admin.ts';
import { createInitiative, demoLogIn, logIn, openBrief, signUp } from './helpers/flows.ts';

const PUBLIC_PAGES = ['/', '/login', '/signup', '/password-reset', '/accessibility'];

for (const path of PUBLIC_PAGES) {
	test(`${path} is accessible when signed out`, async ({ page }) => {
		const response = await page.goto(path);
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectAccessible(page, path);
	});
}

test('the not-found page is accessible', async ({ page }) => {
	const response = await page.goto('/finns-inte-alls');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectAccessible(page, '404');
});

test('every page of a signed-in process leader is accessible', async ({ page }) => {
	test.setTimeout(120_000);
	await demoLogIn(page, /maria lind/i);
	// A demo persona is no platform administrator: the admin page is closed to her.
	expect((await page.goto('/admin'))?.status()).toBe(403);
	for (const path of ['/initiatives', '/account', '/organisation', '/organisation/lessons', '/organisation/templates']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		await expectAccessible(page, path);
	}

	await page.goto('/initiatives');
	await page.getByRole('link', { name: 'Torra och rena golv i förskolan' }).click();
	await page.waitForURL(/\/initiatives\/[0-9a-f-]{36}$/);
	const base = new URL(page.url()).pathname;
	await expectAccessible(page, 'initiative overview');

	for (const sub of ['brief', 'members', 'journal', 'lessons', 'report']) {
		const response = await page.goto(`${base}/${sub}`);
		expect(response?.status(), sub).toBe(200);
		if (sub === 'brief') await expect(page.getByTestId('connection-status')).toHaveText(/ansluten/i, { timeout: 15_000 });
		await expectAccessible(page, sub);
	}

	// The initiative's not-found page, e.g. a mistyped id.
	const missing = await page.goto('/initiatives/00000000-0000-4000-8000-000000000000');
	expect(missing?.status()).toBe(404);
	await expectAccessible(page, 'unknown initiative');
});

test('the platform administration page is accessible to the platform administrator', async ({ page }) => {
	await logIn(page, PLATFORM_ADMIN);
	const response = await page.goto('/admin');
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 2, name: /^användare$/i })).toBeVisible();
	await expectAccessible(page, '/admin');
});

test('every tab of the demo initiative is accessible', async ({ page }) => {
	test.setTimeout(120_000);
	await demoLogIn(page, /maria lind/i);
	await page.goto('/initiatives');
	await page.getByRole('link', { name: 'Torra och rena golv i förskolan' }).click();
	await page.waitForURL(/\/initiatives\/[0-9a-f-]{36}$/);
	const tabs = page.getByRole('navigation', { name: /flikar|delar|initiativ/i }).getByRole('link');
	const hrefs = [...new Set(await tabs.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname)))];
	expect(hrefs.length).toBeGreaterThanOrEqual(4);
	for (const href of hrefs) {
		const response = await page.goto(href);
		expect(response?.status(), href).toBe(200);
		await expectAccessible(page, href);
	}
});

test('the demo pilot, its go/no-go page and the dashboard are accessible, also to the observer and the supplier', async ({ page }) => {
	test.setTimeout(120_000);
	await demoLogIn(page, /maria lind/i);
	await page.goto('/initiatives');
	await page.getByRole('link', { name: 'Torra och rena golv i förskolan' }).click();
	await page.waitForURL(/\/initiatives\/[0-9a-f-]{36}$/);
	const base = new URL(page.url()).pathname;
	await page.goto(`${base}/pilots`);
	await page.getByRole('link', { name: 'Torra entréer på tre förskolor' }).click();
	await page.waitForURL(/\/pilots\/[0-9a-f-]{36}$/);
	const pilot = new URL(page.url()).pathname;
	await expect(page.getByRole('figure').first()).toBeVisible();
	await expectAccessible(page, 'demo pilot');
	for (const path of [`${pilot}/gate`, `${base}/dashboard`]) {
		expect((await page.goto(path))?.status(), path).toBe(200);
		await expectAccessible(page, path);
	}
	await page.context().clearCookies();
	await demoLogIn(page, /eva berg/i);
	expect((await page.goto(`${base}/dashboard`))?.status()).toBe(200);
	await expectAccessible(page, 'dashboard as observer');
	await page.context().clearCookies();
	await demoLogIn(page, /johan nilsson/i);
	await page.goto('/supplier');
	await page.getByRole('link', { name: 'Torra entréer på tre förskolor' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Torra entréer på tre förskolor' })).toBeVisible();
	await expectAccessible(page, 'demo pilot as supplier');
});

test('the brief can be used with the keyboard alone', async ({ page }) => {
	// Its own initiative, so no other test types into the same brief meanwhile.
	await signUp(page, person('Ines Tangentbord', 'ines'), { name: 'Tangby kommun', kind: 'buyer' });
	const id = await createInitiative(page, 'Tangentbordsprov', 'Direktivet skrivs utan mus.');
	await openBrief(page, id);

	const editor = page.getByRole('textbox', { name: /projektdirektiv/i });
	await editor.focus();
	await page.keyboard.press('Control+End');
	// Alt+F10 moves to the toolbar, arrows move between buttons, Enter presses, Escape returns.
	await page.keyboard.press('Alt+F10');
	await expect(page.getByRole('button', { name: 'Rubrik', exact: true })).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('button', { name: 'Underrubrik' })).toBeFocused();
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByRole('button', { name: 'Gör om' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(editor).toBeFocused();

	// Formatting from the toolbar by keyboard: a new bulleted list item.
	await page.keyboard.press('Enter');
	await page.keyboard.press('Alt+F10');
	const bullets = page.getByRole('button', { name: 'Punktlista' });
	while (!(await bullets.evaluate((el) => el === document.activeElement))) await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
	await expect(bullets).toHaveAttribute('aria-pressed', 'true');
	await expect(editor).toBeFocused();
	await page.keyboard.type('Punkt skriven med tangentbordet');
	await expect(editor.locator('ul li', { hasText: 'Punkt skriven med tangentbordet' })).toBeVisible();
	// The toolbar is one tab stop; Tab from the page lands on it before the text.
	await expect(page.getByRole('toolbar').getByRole('button').and(page.locator('[tabindex="0"]'))).toHaveCount(1);
});
