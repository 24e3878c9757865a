/**
 * The facilitator board fits the screen and keeps keyboard focus where the user is (issue 12,
 * must-haves 3 and 4): eight groups read at 1280 × 800 without words broken mid-word, no page
 * overflows a 390 px phone (tables reflow), screenshots at 390, 768 and 1280 px are attached to
 * the report; a skip link and the arrow keys reach and walk the cards, phase buttons and votes
 * keep focus, and the countdown is spoken in whole minutes.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoLogIn, logIn, signUp } from './helpers/flows.ts';
import { PLATFORM_ADMIN } from './helpers/admin.ts';
import { person } from './helpers/accounts.ts';
import { expectAccessible } from './helpers/a11y.ts';

/** Eight groups of two cards, with the long Swedish compounds that used to break mid-word. */
const GROUPS: Array<[string, string[]]> = [
	['Nycklar och lås', ['Nyckelskåpet i personalrummet saknar märkning', 'Låskolvar som fryser fast vintertid']],
	['Halka', ['Halkskyddsmattorna flyttas av städpersonalen', 'Isfläckar vid förskoleentrén varje morgon']],
	['Väta utifrån', ['Snöslask från vinterstövlarna i tamburen', 'Regnvatten från uteleken rinner in']],
	['Städning', ['Städschemat följer inte verksamhetens tider', 'Golvskrubbmaskinen är ofta trasig']],
	['Förvaring', ['Överdragsbyxorna torkar aldrig till eftermiddagen', 'Torkskåpskapaciteten räcker inte till alla']],
	['Belysning', ['Entrébelysningen släcks för tidigt på vintern', 'Rörelsesensorerna reagerar inte på barnen']],
	['Information', ['Föräldrainformationen om skoskydd når inte fram', 'Skyltningen vid entrén är svårbegriplig']],
	['Utemiljö', ['Dagvattenbrunnarna svämmar över vid skyfall', 'Grusgångarna saknar avskrapningsgaller']]
];

async function demoInitiative(page: Page): Promise<string> {
	const res = await page.request.get('/api/v1/initiatives');
	expect(res.status()).toBe(200);
	const list = (await res.json()) as Array<{ id: string; title: string }>;
	return (list.find((i) => /golv/i.test(i.title)) ?? list[0]).id;
}

async function setPhase(page: Page, label: RegExp) {
	const button = page.getByRole('group', { name: /byt fas/i }).getByRole('button', { name: label });
	await button.click();
	await expect(button).toHaveAttribute('aria-current', 'step');
}

/** Writes a card through the API from the page (same origin, the page's own session). */
async function addCard(page: Page, workshopId: string, text: string) {
	const status = await page.evaluate(
		async ({ id, text }) => (await fetch(`/api/v1/workshops/${id}/cards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) })).status,
		{ id: workshopId, text }
	);
	expect(status).toBe(201);
}

/** Creates a workshop on the demo initiative with eight groups of two cards; returns its ids. */
async function boardWithEightGroups(page: Page, votes = 3): Promise<{ initiativeId: string; workshopId: string; code: string }> {
	await demoLogIn(page, /maria lind/i);
	const initiativeId = await demoInitiative(page);
	await page.goto(`/initiatives/${initiativeId}/workshops`);
	// The form is enhanced once the page's script has run; fill it after that, not during hydration.
	await page.waitForLoadState('networkidle');
	await page.getByLabel(/^titel/i).fill(`Åtta grupper ${Date.now().toString(36)}`);
	await page.getByLabel(/frågan deltagarna svarar på/i).fill('Vad gör golven i våra förskolor blöta och smutsiga?');
	await page.getByLabel(/röster per deltagare/i).fill(String(votes));
	await page.getByRole('button', { name: /skapa workshop/i }).click();
	await page.waitForURL(/\/workshops\/[0-9a-f-]{36}$/);
	const workshopId = page.url().split('/').pop()!;
	const code = (await page.locator('.join .code').innerText()).replace(/\s/g, '');
	await setPhase(page, /^samla$/i);
	for (const [, cards] of GROUPS) for (const text of cards) await addCard(page, workshopId, text);
	await setPhase(page, /^gruppera$/i);
	const board = page.locator('#board-cards');
	for (const [title, cards] of GROUPS) {
		for (const text of cards) await board.getByRole('checkbox', { name: text }).check();
		await page.getByLabel(/^ny grupp/i).fill(title);
		await page.getByLabel(/^ny grupp/i).press('Enter');
		await expect(page.getByRole('region', { name: new RegExp(`^${title}`) }).getByRole('checkbox')).toHaveCount(2);
	}
	return { initiativeId, workshopId, code };
}

/** Words of card texts that the layout breaks across lines (a word's box has more than one line). */
async function brokenWords(page: Page, selector: string): Promise<string[]> {
	return page.locator(selector).evaluateAll((elements) => {
		const broken: string[] = [];
		for (const el of elements) {
			const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				if ((node.parentElement as HTMLElement).closest('.visually-hidden')) continue;
				const text = node.textContent ?? '';
				for (const match of text.matchAll(/\S+/g)) {
					const range = document.createRange();
					range.setStart(node, match.index);
					range.setEnd(node, match.index + match[0].length);
					const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
					if (tops.size > 1) broken.push(match[0]);
				}
			}
		}
		return broken;
	});
}

/** How far the page is wider than the window (0 when nothing overflows horizontally). */
async function horizontalOverflow(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** A full-page screenshot, kept under the e2e output folder and attached to the report. */
async function screenshot(page: Page, name: string) {
	// From the top: a full-page capture taken mid-page draws sticky bars in the middle.
	await page.evaluate(() => window.scrollTo(0, 0));
	const path = test.info().outputPath(name);
	await page.screenshot({ path, fullPage: true });
	await test.info().attach(name, { path, contentType: 'image/png' });
}

async function joinAsGuest(browser: Browser, code: string, name: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const page = await context.newPage();
	await page.goto(`/join/${code}`);
	await page.getByLabel(/ditt namn/i).fill(name);
	await page.getByRole('button', { name: /^gå med$/i }).click();
	await page.waitForURL(/\/w\/[0-9a-f-]{36}$/);
	return page;
}

test('eight groups read at 1280, 768 and 390 px: no word broken mid-word, no sideways scrolling', async ({ page, browser }) => {
	test.setTimeout(180_000);
	await page.setViewportSize({ width: 1280, height: 800 });
	const { workshopId, code } = await boardWithEightGroups(page);
	// From the skip link, a whole group — heading and cards — is in view at 1280 × 800, clear of
	// the sticky toolbar.
	await page.reload();
	await expect(page.locator('#board-cards [data-roving-cell]')).toHaveCount(16);
	// The skip link to the board is added once the page's script runs: wait for it (and for the
	// script that forwards its focus), then take it.
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('link', { name: /hoppa till tavlan/i })).toBeAttached();
	await page.locator('body').focus();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: /hoppa till tavlan/i })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('#board-cards').getByRole('checkbox', { name: GROUPS[0][1][0] })).toBeFocused();
	await page.waitForTimeout(300);
	const view = await page.evaluate(() => {
		const group = document.activeElement!.closest('[data-roving-group]')!.getBoundingClientRect();
		const toolbar = document.querySelector('.toolbar')!.getBoundingClientRect();
		return { top: group.top, bottom: group.bottom, toolbarBottom: toolbar.bottom, height: window.innerHeight };
	});
	expect(view.top).toBeGreaterThanOrEqual(view.toolbarBottom);
	expect(view.bottom).toBeLessThanOrEqual(view.height);
	// The toolbar takes at most two short rows.
	expect(view.toolbarBottom).toBeLessThanOrEqual(140);

	// 1280 × 800: four columns of readable width, every word of every card on one line.
	const widths = await page.locator('#board-cards .groups > section').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
	expect(widths).toHaveLength(8);
	for (const w of widths) expect(w).toBeGreaterThanOrEqual(240);
	const firstRow = await page.locator('#board-cards .groups > section').evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);
	expect(firstRow).toBeLessThanOrEqual(2);
	expect(await brokenWords(page, '#board-cards .card-text')).toEqual([]);
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	await screenshot(page, 'facilitator-board-1280.png');

	await page.setViewportSize({ width: 768, height: 1024 });
	expect(await brokenWords(page, '#board-cards .card-text')).toEqual([]);
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	await screenshot(page, 'facilitator-board-768.png');

	await page.setViewportSize({ width: 390, height: 844 });
	expect(await brokenWords(page, '#board-cards .card-text')).toEqual([]);
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	await screenshot(page, 'facilitator-board-390.png');
	await expectAccessible(page, 'facilitator board at 390 px');

	// The participant's board on a phone.
	const guest = await joinAsGuest(browser, code, 'Greta');
	await expect(guest.getByRole('heading', { name: /nycklar och lås/i })).toBeVisible();
	expect(await brokenWords(guest, '#board-cards .sticky > span')).toEqual([]);
	expect(await horizontalOverflow(guest)).toBeLessThanOrEqual(0);
	await screenshot(guest, 'participant-board-390.png');
	await guest.setViewportSize({ width: 768, height: 1024 });
	expect(await horizontalOverflow(guest)).toBeLessThanOrEqual(0);
	await screenshot(guest, 'participant-board-768.png');
	await guest.setViewportSize({ width: 1280, height: 800 });
	expect(await brokenWords(guest, '#board-cards .sticky > span')).toEqual([]);
	await screenshot(guest, 'participant-board-1280.png');
	expect(workshopId).toBeTruthy();
	await guest.context().close();
});

test('every table reflows on a 390 px phone: no sideways scrolling, each value labelled by its column', async ({ page }) => {
	test.setTimeout(120_000);
	await demoLogIn(page, /maria lind/i);
	const initiativeId = await demoInitiative(page);
	await page.setViewportSize({ width: 390, height: 844 });
	const paths = [
		`/initiatives/${initiativeId}/members`,
		`/initiatives/${initiativeId}/journal`,
		`/initiatives/${initiativeId}/needs`,
		`/initiatives/${initiativeId}/conflicts`,
		`/initiatives/${initiativeId}/requirements`,
		`/initiatives/${initiativeId}/workshops`,
		'/account'
	];
	let tablesSeen = 0;
	for (const path of paths) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		const tables = page.locator('main table:not(.no-reflow)');
		const count = await tables.count();
		tablesSeen += count;
		if (count) {
			// Labels are written once the page has hydrated.
			await expect(tables.first().locator('td[data-label]').first()).toBeAttached();
			const label = await tables.first().locator('td[data-label]').first().evaluate((td) => getComputedStyle(td, '::before').content);
			expect(label, path).not.toBe('none');
			for (const w of await tables.evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().width))) expect(w, path).toBeLessThanOrEqual(390);
		}
		expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
		await screenshot(page, `${path.split('/').filter(Boolean).pop()}-390.png`);
	}
	// The administration pages, as the platform administrator (demo personas never are one).
	const admin = await page.context().browser()!.newContext({ viewport: { width: 390, height: 844 } });
	const adminPage = await admin.newPage();
	await logIn(adminPage, PLATFORM_ADMIN);
	for (const path of ['/admin', '/admin/thresholds']) {
		const response = await adminPage.goto(path);
		expect(response?.status(), path).toBe(200);
		const tables = adminPage.locator('main table:not(.no-reflow)');
		tablesSeen += await tables.count();
		for (const w of await tables.evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().width))) expect(w, path).toBeLessThanOrEqual(390);
		expect(await horizontalOverflow(adminPage), path).toBeLessThanOrEqual(0);
		await screenshot(adminPage, `${path.split('/').filter(Boolean).pop()}-390.png`);
	}
	await admin.close();
	expect(tablesSeen).toBeGreaterThanOrEqual(3);
	await page.goto(`/initiatives/${initiativeId}/members`);
	await expect(page.locator('main table td[data-label]').first()).toBeAttached();
	await expectAccessible(page, 'members at 390 px');
	await page.setViewportSize({ width: 1280, height: 800 });
	// On a wide screen the table is a table again.
	expect(await page.locator('main table').first().evaluate((t) => getComputedStyle(t).display)).toBe('table');
});

test('the keyboard reaches the board by a skip link, walks it with the arrow keys and keeps focus on phase buttons and votes', async ({ page, browser }) => {
	test.setTimeout(180_000);
	await page.setViewportSize({ width: 1280, height: 800 });
	const { code } = await boardWithEightGroups(page, 2);
	await page.reload();
	await expect(page.locator('#board-cards [data-roving-cell]')).toHaveCount(16);

	// Two Tabs from the top of the page: "skip to content", then "skip to the board" (added, with
	// its focus forwarding, once the page's script runs: wait for it).
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('link', { name: /hoppa till tavlan/i })).toBeAttached();
	await page.locator('body').focus();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: /hoppa till innehållet/i })).toBeFocused();
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: /hoppa till tavlan/i });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	const checkbox = (text: string) => page.locator('#board-cards').getByRole('checkbox', { name: text });
	await expect(checkbox(GROUPS[0][1][0])).toBeFocused();

	// Only one card is in the Tab order.
	const tabbable = await page.locator('#board-cards [data-roving-primary]').evaluateAll((els) => els.filter((e) => (e as HTMLElement).tabIndex === 0).length);
	expect(tabbable).toBe(1);

	// Down within a group, right and left between groups, Home and End.
	await page.keyboard.press('ArrowDown');
	await expect(checkbox(GROUPS[0][1][1])).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(checkbox(GROUPS[1][1][1])).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(checkbox(GROUPS[2][1][1])).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await expect(checkbox(GROUPS[2][1][0])).toBeFocused();
	await page.keyboard.press('ArrowLeft');
	await expect(checkbox(GROUPS[1][1][0])).toBeFocused();
	await page.keyboard.press('End');
	await expect(checkbox(GROUPS[1][1][1])).toBeFocused();
	await page.keyboard.press('Home');
	await expect(checkbox(GROUPS[1][1][0])).toBeFocused();
	// Space still selects; Tab leaves the card's own controls, not into the next card.
	await page.keyboard.press('Space');
	await expect(page.getByText(/markerade kort: 1/i)).toBeVisible();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: new RegExp(`lyft ut\\s*:\\s*${GROUPS[1][1][0]}`, 'i') })).toBeFocused();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => document.activeElement?.closest('[data-roving-cell]') === null)).toBe(true);

	// Split a card out with the keyboard: focus follows the card to "not grouped".
	await checkbox(GROUPS[1][1][0]).focus();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('region', { name: /ej grupperade/i }).getByRole('checkbox', { name: GROUPS[1][1][0] })).toBeFocused();

	// A phase button keeps focus and its change is announced.
	const vote = page.getByRole('group', { name: /byt fas/i }).getByRole('button', { name: /^rösta$/i });
	await vote.focus();
	await page.keyboard.press('Enter');
	await expect(vote).toHaveAttribute('aria-current', 'step');
	await expect(vote).toBeFocused();
	await expect(vote).toBeDisabled();
	await expect(page.getByText(/fasen är nu: rösta/i)).toBeAttached();
	// Pressing the current phase again does nothing.
	await page.keyboard.press('Enter');
	await expect(vote).toBeFocused();
	await expectAccessible(page, 'facilitator board (vote) at 1280 px');

	// The timer speaks whole minutes, never "about".
	await page.getByLabel(/nedräkning/i).selectOption('2');
	await page.getByRole('button', { name: /starta timer/i }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('timer')).toBeVisible();
	await expect(page.getByRole('button', { name: /starta timer/i })).toBeFocused();
	await expect(page.getByTestId('timer-announcement').first()).toHaveText('2 minuter kvar.');
	// Stopping removes the stop button: focus moves to the start button, not the page.
	await page.getByRole('button', { name: /stoppa timer/i }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: /starta timer/i })).toBeFocused();
	await expect(page.getByText(/timern är stoppad/i)).toBeAttached();

	// A guest votes with the keyboard: focus stays on the vote button, then, when the last vote is
	// spent and the button is disabled, moves to "retract" on the same card.
	const guest = await joinAsGuest(browser, code, 'Tove');
	await expect(guest.getByText(/röster kvar: 2 av 2/i)).toBeVisible();
	const target = GROUPS[3][1][0];
	const voteFor = guest.getByRole('button', { name: `Rösta på ${target}` });
	await voteFor.focus();
	await guest.keyboard.press('Enter');
	await expect(guest.getByText(/röster kvar: 1 av 2/i)).toBeVisible();
	await expect(voteFor).toBeFocused();
	await guest.keyboard.press('Enter');
	await expect(guest.getByText(/röster kvar: 0 av 2/i)).toBeVisible();
	await expect(voteFor).toBeDisabled();
	await expect(guest.getByRole('button', { name: new RegExp(`ta tillbaka.*${target}`, 'i') })).toBeFocused();
	await guest.keyboard.press('Enter');
	await expect(guest.getByText(/röster kvar: 1 av 2/i)).toBeVisible();
	await expect(guest.getByRole('button', { name: new RegExp(`ta tillbaka.*${target}`, 'i') })).toBeFocused();
	// The guest's arrows walk the cards too (the vote buttons are the cards' focus targets).
	await guest.keyboard.press('Shift+Tab');
	await expect(voteFor).toBeFocused();
	await guest.keyboard.press('ArrowDown');
	await expect(guest.getByRole('button', { name: `Rösta på ${GROUPS[3][1][1]}` })).toBeFocused();
	await expect(guest.getByTestId('timer-announcement').first()).toHaveText('');
	await expectAccessible(guest, 'participant board (vote) on a phone');
	await guest.context().close();
});

test('a button that swaps itself for another keeps the keyboard there: disabling and enabling an account', async ({ page, browser }) => {
	const someone = person('Fokus Flyttsson', 'fokus');
	const context = await browser.newContext();
	await signUp(await context.newPage(), someone, { name: 'Fokusby kommun', kind: 'buyer' });
	await context.close();

	// The platform administrator (a real account: demo personas never administer the platform).
	await logIn(page, PLATFORM_ADMIN);
	await page.goto('/admin');
	const disable = page.getByRole('button', { name: `Stäng av kontot för ${someone.name}` });
	const enable = page.getByRole('button', { name: `Aktivera kontot för ${someone.name}` });
	await disable.focus();
	await page.keyboard.press('Enter');
	await expect(enable).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(disable).toBeFocused();
});

test('removing a step of the effect logic leaves focus in its column, not on the page body', async ({ page }) => {
	await demoLogIn(page, /maria lind/i);
	const initiativeId = await demoInitiative(page);
	await page.goto(`/initiatives/${initiativeId}/needs/effect-logic`);
	const text = `Fokussteg ${Date.now().toString(36)}`;
	const column = page.getByRole('region', { name: /^aktiviteter/i });
	await column.getByLabel(/lägg till i aktiviteter/i).fill(text);
	await column.getByRole('button', { name: /^lägg till$/i }).click();
	const remove = column.getByRole('button', { name: new RegExp(`ta bort\\s*:\\s*${text}`, 'i') });
	await remove.focus();
	await page.keyboard.press('Enter');
	await expect(remove).toHaveCount(0);
	await expect(column.getByLabel(/lägg till i aktiviteter/i)).toBeFocused();
});
