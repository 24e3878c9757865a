/**
 * A needs workshop from the first card to a need: the process leader (facilitator) and three
 * guests — one on a phone — go through every phase; cards are clustered with the keyboard only;
 * votes are tallied; a need is created from the top group with its sources; the results export
 * downloads; axe checks every workshop page on the way.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoLogIn } from './helpers/flows.ts';
import { expectAccessible } from './helpers/a11y.ts';

async function demoInitiative(page: Page): Promise<string> {
	const res = await page.request.get('/api/v1/initiatives');
	expect(res.status()).toBe(200);
	const list = (await res.json()) as Array<{ id: string; title: string }>;
	return (list.find((i) => /golv/i.test(i.title)) ?? list[0]).id;
}

/** Live-document connections each guest page has opened since it was created. */
const liveSocketsOpened = new WeakMap<Page, () => number>();

async function joinAsGuest(browser: Browser, code: string, name: string, phone = false): Promise<Page> {
	const context = await browser.newContext(
		phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}
	);
	const page = await context.newPage();
	let opened = 0;
	page.on('websocket', (ws) => {
		if (new URL(ws.url()).pathname.startsWith('/yjs/')) opened++;
	});
	liveSocketsOpened.set(page, () => opened);
	await page.goto(`/join/${code}`);
	await expect(page.getByRole('heading', { level: 1, name: /gå med i en workshop/i })).toBeVisible();
	await expect(page.getByLabel(/^kod/i)).toHaveValue(code);
	await page.getByLabel(/ditt namn/i).fill(name);
	await page.getByRole('button', { name: /^gå med$/i }).click();
	await page.waitForURL(/\/w\/[0-9a-f-]{36}$/);
	return page;
}

async function writeCard(page: Page, text: string) {
	await page.getByLabel(/ditt kort/i).fill(text);
	await page.getByRole('button', { name: /lägg till kort/i }).click();
	await expect(page.getByRole('region', { name: /skriv en utmaning/i }).getByRole('listitem').filter({ hasText: text })).toBeVisible();
	await expect(page.getByLabel(/ditt kort/i)).toHaveValue('');
}

async function setPhase(page: Page, label: RegExp) {
	await page.getByRole('group', { name: /byt fas/i }).getByRole('button', { name: label }).click();
	await expect(page.getByRole('group', { name: /byt fas/i }).getByRole('button', { name: label })).toBeDisabled();
}

test('a facilitator and three guests go from cards to a need', async ({ browser }) => {
	test.setTimeout(180_000);
	const facilitatorContext = await browser.newContext();
	const f = await facilitatorContext.newPage();
	await demoLogIn(f, /maria lind/i);
	const initiativeId = await demoInitiative(f);

	// Prepare the workshop.
	await f.goto(`/initiatives/${initiativeId}/workshops`);
	await expectAccessible(f, 'workshop list');
	const title = `Våta golv ${Date.now().toString(36)}`;
	await f.getByLabel(/^titel/i).fill(title);
	await f.getByLabel(/frågan deltagarna svarar på/i).fill('Vad gör golven i våra förskolor blöta och smutsiga?');
	await f.getByLabel(/röster per deltagare/i).fill('3');
	await f.getByRole('button', { name: /skapa workshop/i }).click();
	await f.waitForURL(/\/workshops\/[0-9a-f-]{36}$/);
	const workshopId = f.url().split('/').pop()!;
	const code = (await f.locator('.join .code').innerText()).replace(/\s/g, '');
	expect(code).toMatch(/^[A-Z0-9]{6}$/);
	await expect(f.getByRole('img', { name: /qr-kod/i })).toBeVisible();
	await expectAccessible(f, 'facilitator page (draft)');

	// Open it and let three guests in, one of them on a phone.
	await setPhase(f, /^samla$/i);
	const anna = await joinAsGuest(browser, code, 'Anna');
	const bo = await joinAsGuest(browser, code, 'Bo');
	const cecilia = await joinAsGuest(browser, code, 'Cecilia', true);
	await expectAccessible(cecilia, 'participant board on a phone');

	await f.getByLabel(/nedräkning/i).selectOption('5');
	await f.getByRole('button', { name: /starta timer/i }).click();
	await expect(cecilia.getByRole('timer')).toBeVisible();

	await writeCard(anna, 'Snö och slask från stövlarna');
	await writeCard(bo, 'Grus som barnen drar in');
	await writeCard(cecilia, 'Regnvatten från uteleken');
	await writeCard(anna, 'Läckande stuprör vid entrén');
	const board = f.getByRole('region', { name: /tavlan/i });
	await expect(board.getByRole('checkbox', { name: /regnvatten från uteleken/i })).toBeVisible();
	await expect(board.getByRole('checkbox', { name: /läckande stuprör vid entrén/i })).toBeVisible();

	// Cluster with the keyboard only: select with Space, create and move with Enter.
	await setPhase(f, /^gruppera$/i);
	const check = (text: string) => f.getByRole('checkbox', { name: new RegExp(text) });
	await check('Snö och slask').focus();
	await f.keyboard.press('Space');
	await check('Regnvatten').focus();
	await f.keyboard.press('Space');
	await expect(f.getByText(/markerade kort: 2/i)).toBeVisible();
	await f.getByLabel(/^ny grupp/i).focus();
	await f.keyboard.type('Väta utifrån');
	await f.keyboard.press('Tab');
	await expect(f.getByRole('button', { name: /skapa grupp av markerade/i })).toBeFocused();
	await f.keyboard.press('Enter');
	await expect(f.getByRole('heading', { level: 4, name: /väta utifrån/i })).toBeVisible();

	await check('Grus som barnen').focus();
	await f.keyboard.press('Space');
	await f.getByLabel(/^ny grupp/i).fill('Smuts');
	await f.getByLabel(/^ny grupp/i).press('Enter');
	await expect(f.getByRole('heading', { level: 4, name: /^smuts/i })).toBeVisible();

	await check('Läckande stuprör').focus();
	await f.keyboard.press('Space');
	await f.getByLabel(/flytta markerade till/i).selectOption({ label: 'Väta utifrån' });
	await f.getByRole('button', { name: /^flytta$/i }).focus();
	await f.keyboard.press('Enter');
	const wet = f.getByRole('region', { name: /väta utifrån/i });
	await expect(wet.getByRole('checkbox', { name: /läckande stuprör/i })).toBeVisible();
	// Split a card out and put it back, still by keyboard.
	await wet.getByRole('button', { name: /lyft ut\s*:\s*läckande stuprör/i }).press('Enter');
	await expect(f.getByRole('region', { name: /ej grupperade/i }).getByRole('checkbox', { name: /läckande stuprör/i })).toBeVisible();
	await check('Läckande stuprör').press('Space');
	await f.getByLabel(/flytta markerade till/i).selectOption({ label: 'Väta utifrån' });
	await f.getByRole('button', { name: /^flytta$/i }).press('Enter');
	await expect(wet.getByRole('checkbox', { name: /läckande stuprör/i })).toBeVisible();
	await expectAccessible(f, 'facilitator page (cluster)');
	// Participants see the groups live.
	await expect(cecilia.getByRole('heading', { name: /väta utifrån/i })).toBeVisible();

	// Vote: everyone spends votes; the budget holds.
	await setPhase(f, /^rösta$/i);
	for (const g of [anna, bo, cecilia]) {
		await expect(g.getByText(/röster kvar: 3 av 3/i)).toBeVisible();
		await g.getByRole('button', { name: /rösta på väta utifrån/i }).click();
		await expect(g.getByText(/röster kvar: 2 av 3/i)).toBeVisible();
	}
	await anna.getByRole('button', { name: /rösta på väta utifrån/i }).click();
	await expect(anna.getByText(/röster kvar: 1 av 3/i)).toBeVisible();
	await bo.getByRole('button', { name: /rösta på smuts/i }).click();
	await expect(bo.getByText(/röster kvar: 1 av 3/i)).toBeVisible();
	await expectAccessible(cecilia, 'participant board (vote)');
	await f.getByRole('button', { name: /visa röstningen för alla/i }).click();
	await expect(cecilia.getByText(/totalt: 4/i)).toBeVisible();

	await setPhase(f, /^prioritera$/i);
	await wet.getByRole('combobox', { name: /^nytta/i }).selectOption('5');
	await wet.getByRole('combobox', { name: /^insats/i }).selectOption('2');
	await expect(f.getByRole('heading', { name: /stor nytta, liten insats/i })).toBeVisible();
	await setPhase(f, /^formulera$/i);

	// Results: the top group first, the chart, the CSV download.
	await f.getByRole('link', { name: /^resultat$/i }).click();
	await expect(f.getByRole('heading', { level: 2, name: /resultat/i })).toBeVisible();
	await expect(f.getByRole('heading', { level: 4 }).first()).toHaveText(/1\. väta utifrån.*röster: 4/i);
	await expect(f.getByRole('figure')).toContainText(/smuts.*röster: 1/is);
	await expectAccessible(f, 'results');
	const [download] = await Promise.all([f.waitForEvent('download'), f.getByRole('link', { name: /ladda ner csv/i }).click()]);
	expect(download.suggestedFilename()).toMatch(/\.csv$/);

	// A need from the top group, with its sources linked.
	await f.getByRole('link', { name: /formulera behov av gruppen\s*:\s*väta utifrån/i }).click();
	await expect(f.getByLabel(/kort rubrik/i)).toHaveValue('Väta utifrån');
	await expectAccessible(f, 'new need');
	await f.getByLabel(/^vem$/i).fill('Förskolepersonalen');
	await f.getByLabel(/^behöver/i).fill('torra golv i hallen året runt');
	await f.getByLabel(/^så att/i).fill('barn och personal inte halkar');
	await f.getByRole('button', { name: /använd som behovsformulering/i }).click();
	await expect(f.getByLabel(/^behovsformulering/i)).toHaveValue('Förskolepersonalen behöver torra golv i hallen året runt så att barn och personal inte halkar');
	await f.getByLabel(/^vad mäts/i).first().fill('Halkolyckor vid entrén');
	await f.getByLabel(/^målvärde/i).first().fill('−50 %');
	await f.getByRole('button', { name: /spara behovet/i }).click();
	await expect(f.getByText(/behovet är sparat/i)).toBeVisible();
	const why = f.getByRole('region', { name: /därför finns behovet/i });
	await expect(why).toContainText('Väta utifrån');
	await expect(why).toContainText('Läckande stuprör vid entrén');
	await expectAccessible(f, 'need page');

	await f.goto(`/initiatives/${initiativeId}/needs`);
	await expectAccessible(f, 'needs register');
	const [docx] = await Promise.all([f.waitForEvent('download'), f.getByRole('link', { name: /exportera word/i }).click()]);
	expect(docx.suggestedFilename()).toMatch(/\.docx$/);
	await f.goto(`/initiatives/${initiativeId}/needs/effect-logic`);
	await expectAccessible(f, 'effect logic');

	// Closing ends the guests' participation.
	await f.goto(`/initiatives/${initiativeId}/workshops/${workshopId}`);
	await f.getByText(/avsluta workshoppen/i).first().click();
	await f.getByRole('button', { name: /ja, avsluta workshoppen/i }).click();
	await expect(f.getByText(/workshoppen är avslutad/i).first()).toBeVisible();
	await expect(cecilia.getByRole('heading', { name: /inte med i workshoppen/i })).toBeVisible({ timeout: 15_000 });
	// One live connection per participant for the whole workshop, however often the page data reloads.
	expect(liveSocketsOpened.get(cecilia)!()).toBe(1);
});

test('the join page explains a wrong code without losing what was typed', async ({ page }) => {
	await page.goto('/join');
	await expectAccessible(page, 'join page');
	await page.getByLabel(/^kod/i).fill('QQQ QQQ');
	await page.getByLabel(/ditt namn/i).fill('Testperson');
	await page.getByRole('button', { name: /^gå med$/i }).click();
	await expect(page.getByRole('alert')).toContainText(/ingen pågående workshop/i);
	await expect(page.getByLabel(/ditt namn/i)).toHaveValue('Testperson');
	await expectAccessible(page, 'join page with errors');
});
