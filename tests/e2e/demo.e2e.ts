/**
 * The demo: on an empty embedded database Brygga seeds a municipality, its team, two supplier
 * companies and one initiative with a written brief. The login page offers one-click sign-in
 * as each persona, so a visitor sees the same initiative through each role's eyes.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { collectCspViolations, collectPageErrors } from './helpers/csp.ts';
import { briefEditor, demoLogIn } from './helpers/flows.ts';

const DEMO_TITLE = 'Torra och rena golv i förskolan';

async function openDemoInitiative(page: Page): Promise<string> {
	await page.goto('/initiatives');
	await page.getByRole('link', { name: DEMO_TITLE }).click();
	await page.waitForURL(/\/initiatives\/[0-9a-f-]{36}/);
	return /\/initiatives\/([0-9a-f-]{36})/.exec(page.url())![1];
}

async function openBriefTab(page: Page): Promise<void> {
	const base = /\/initiatives\/[0-9a-f-]{36}/.exec(page.url())![0];
	await page.goto(`${base}/brief`);
	await expect(page.getByTestId('connection-status')).toHaveText(/ansluten/i, { timeout: 15_000 });
}

test('the login page marks the demo and offers one-click personas', async ({ page }) => {
	await page.goto('/login');
	await expect(page.getByText(/demo/i).first()).toBeVisible();
	for (const name of [/maria lind/i, /ahmed karimi/i, /eva berg/i]) {
		await expect(page.getByRole('button', { name })).toBeVisible();
	}
	await expectAccessible(page, 'login page in demo mode');
});

test('the process leader persona sees the demo initiative with a written brief, and may edit it', async ({ page }) => {
	const cspViolations = collectCspViolations(page);
	const errors = collectPageErrors(page);
	await demoLogIn(page, /maria lind/i);
	await openDemoInitiative(page);
	await openBriefTab(page);
	const csp = (await page.request.get(page.url())).headers()['content-security-policy'] ?? '';
	expect(csp).toContain("script-src 'self' 'nonce-");
	const editor = briefEditor(page);
	for (const heading of ['Bakgrund', 'Problem', 'Mål', 'Omfattning', 'Mandat och budget']) {
		await expect(editor.getByRole('heading', { name: heading })).toBeVisible();
	}
	await expect(editor.getByRole('heading', { name: /effektlogik/i })).toBeVisible();
	await expect(editor).toHaveAttribute('contenteditable', 'true');
	await expect(page.getByRole('toolbar', { name: 'Formatering' })).toBeVisible();
	// Editing, carets and formatting run within the CSP: nothing was blocked.
	await editor.click();
	await page.keyboard.press('Control+End');
	await page.keyboard.press('Enter');
	await page.keyboard.type('Kompletterat av processledaren.');
	await expect(editor).toContainText('Kompletterat av processledaren.');
	expect(cspViolations).toEqual([]);
	expect(errors, 'no errors in the browser console').toEqual([]);
	await expectAccessible(page, 'demo brief as process leader');
});

test('the team member persona writes in the brief, also in English', async ({ page }) => {
	await demoLogIn(page, /ahmed karimi/i);
	await openDemoInitiative(page);
	await openBriefTab(page);
	await expect(briefEditor(page)).toHaveAttribute('contenteditable', 'true');

	await page.getByRole('button', { name: 'In English' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Project brief', exact: true })).toBeVisible();
	await expect(page.getByTestId('connection-status')).toHaveText(/connected/i, { timeout: 15_000 });
	await expect(page.getByRole('textbox', { name: /project brief/i })).toHaveAttribute('contenteditable', 'true');
	await expect(page.getByRole('toolbar', { name: 'Formatting' })).toBeVisible();
	await expectAccessible(page, 'brief in English');
});

test('the observer persona reads the demo brief but cannot edit it', async ({ page }) => {
	await demoLogIn(page, /eva berg/i);
	await openDemoInitiative(page);
	await openBriefTab(page);
	const editor = briefEditor(page);
	await expect(editor.getByRole('heading', { name: 'Bakgrund' })).toBeVisible();
	await expect(editor).toHaveAttribute('contenteditable', 'false');
	await expect(page.getByText('Du kan läsa men inte ändra.')).toBeVisible();
	await expect(page.getByRole('toolbar')).toHaveCount(0);
	await expectAccessible(page, 'demo brief as observer');
	await page.setViewportSize({ width: 390, height: 844 });
	await page.getByRole('heading', { level: 2, name: 'Projektdirektiv', exact: true }).scrollIntoViewIfNeeded();
	await test.info().attach('brief-observer-phone', {
		body: await page.screenshot({ path: '.build/screenshots/brief-observer-phone.png' }),
		contentType: 'image/png'
	});
});

test('a supplier persona sees no initiatives and cannot reach the demo initiative', async ({ browser }) => {
	// Find the demo initiative's address as its process leader first.
	const leaderContext = await browser.newContext();
	const leader = await leaderContext.newPage();
	await demoLogIn(leader, /maria lind/i);
	const id = await openDemoInitiative(leader);
	await leaderContext.close();

	const context = await browser.newContext();
	const page = await context.newPage();
	await demoLogIn(page, /johan nilsson/i);
	await page.goto('/initiatives');
	await expect(page.getByText(DEMO_TITLE)).toHaveCount(0);
	await expectAccessible(page, 'initiatives list as supplier');
	expect((await page.goto(`/initiatives/${id}`))?.status()).toBe(404);
	expect((await page.goto(`/initiatives/${id}/brief`))?.status()).toBe(404);
	await expect(page.getByText(DEMO_TITLE)).toHaveCount(0);
	await context.close();
});

test('the demo has a published RFI round: each supplier sees its own submitted answer and the clarification, never the other', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await demoLogIn(page, /sara holm/i);
	await page.getByRole('link', { name: 'Förfrågningar' }).click();
	await expect(page).toHaveURL(/\/supplier$/);
	await page.getByRole('link', { name: /RFI: torra och rena golv/ }).click();
	await expect(page.getByText('Får lösningen kräva el vid entrén?')).toBeVisible();
	await expect(page.getByText(/Svaret är inlämnat/)).toBeVisible();
	await expect(page.getByLabel(/1\. Beskriv er lösning/)).toHaveValue(/städrobot/);
	await expect(page.getByText(/Golvteknik|Johan Nilsson|avstrypningsmatta/)).toHaveCount(0);
	await context.close();

	const leaderContext = await browser.newContext();
	const leader = await leaderContext.newPage();
	await demoLogIn(leader, /maria lind/i);
	const id = await openDemoInitiative(leader);
	await leader.goto(`/initiatives/${id}/rfis`);
	await leader.getByRole('link', { name: /RFI: torra och rena golv/ }).click();
	await leader.getByRole('link', { name: /Jämför svaren \(2\)/ }).click();
	await expect(leader.getByRole('heading', { level: 4, name: 'Golvteknik Norr AB' }).first()).toBeVisible();
	await expect(leader.getByRole('heading', { level: 4, name: 'Städrobot Sverige AB' }).first()).toBeVisible();
	await expect(leader.getByText(/Sekretess begärd: Prisuppgiften för piloten/)).toBeVisible();
	await leaderContext.close();
});

test('the demo has a sprint at Decide with two supplier rooms: the leader runs both, each supplier sees only its own', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await demoLogIn(page, /sara holm/i);
	await page.getByRole('link', { name: 'Förfrågningar' }).click();
	await page.getByRole('link', { name: 'Sprint: torra entréer' }).click();
	await expect(page.getByText('Steg: Besluta')).toBeVisible();
	await expect(page.getByText('Fråga experterna: vaktmästare och förskollärare')).toBeVisible();
	await expect(page.getByText('Finns det tak över entréerna på alla tre förskolorna?')).toBeVisible();
	await expect(page.getByText(/Golvteknik|Johan Nilsson|Rum A|Rum B/)).toHaveCount(0);
	await context.close();

	const leaderContext = await browser.newContext();
	const leader = await leaderContext.newPage();
	await demoLogIn(leader, /maria lind/i);
	const id = await openDemoInitiative(leader);
	await leader.goto(`/initiatives/${id}/sprints`);
	await leader.getByRole('link', { name: 'Sprint: torra entréer' }).click();
	await expect(leader.getByText('Pågående steg: Besluta')).toBeVisible();
	await expect(leader.getByRole('table', { name: /Framsteg per rum/ }).getByRole('row')).toHaveCount(3);
	await leaderContext.close();
});
