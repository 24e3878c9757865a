/**
 * A phone on a slow network (800 ms latency, emulated through the Chrome DevTools Protocol) in a
 * running workshop: a double tap on "Lägg till kort" makes one card, the button says "Skickar…"
 * while the card is on its way, and the next card typed meanwhile is still there when the answer
 * comes. Then the guest edits and deletes its own card, and the facilitator sees the room and
 * removes a guest. Axe checks the pages that changed.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoLogIn } from './helpers/flows.ts';
import { expectAccessible } from './helpers/a11y.ts';

async function openWorkshop(f: Page, baseURL: string): Promise<{ id: string; joinCode: string; initiativeId: string }> {
	const list = (await (await f.request.get('/api/v1/initiatives')).json()) as Array<{ id: string; title: string }>;
	const initiativeId = (list.find((i) => /golv/i.test(i.title)) ?? list[0]).id;
	const headers = { origin: baseURL, 'content-type': 'application/json' };
	const created = await f.request.post(`/api/v1/initiatives/${initiativeId}/workshops`, {
		headers,
		data: { title: `Mobilen ${Date.now().toString(36)}`, question: 'Vad gör entrén blöt?', votesPerParticipant: 3 }
	});
	expect(created.status()).toBe(201);
	const w = (await created.json()) as { id: string; joinCode: string };
	expect((await f.request.post(`/api/v1/workshops/${w.id}/phase`, { headers, data: { phase: 'collect' } })).status()).toBe(200);
	return { ...w, initiativeId };
}

test('a double tap on a slow phone makes one card, shows "Skickar…" and keeps the next card', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const f = await (await browser.newContext()).newPage();
	await demoLogIn(f, /maria lind/i);
	const w = await openWorkshop(f, baseURL!);

	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
	const g = await phone.newPage();
	await g.goto(`/join/${w.joinCode}`);
	await g.getByLabel(/ditt namn/i).fill('Cecilia');
	await g.getByRole('button', { name: /^gå med$/i }).click();
	await g.waitForURL(/\/w\/[0-9a-f-]{36}$/);
	await expect(g.getByLabel(/^ditt kort/i)).toBeVisible();
	// The page is hydrated once the live board is connected (before that, forms post natively).
	await expect(g.getByText(/anslutna: \d/i)).toBeVisible();

	const cdp = await phone.newCDPSession(g);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 800, downloadThroughput: -1, uploadThroughput: -1 });

	const field = g.getByLabel(/^ditt kort/i);
	const send = g.getByRole('button', { name: /lägg till kort|skickar/i });
	await field.fill('Blött golv vid entrén');
	await send.tap();
	// A person taps again at once; Playwright would wait for an aria-disabled button, so force it.
	await send.tap({ force: true });
	await expect(send).toHaveText('Skickar…');
	await expect(send).toHaveAttribute('aria-disabled', 'true');
	// The next card, typed while the first is still on its way.
	await field.fill('Stövlar utan galler');
	await expect(g.getByRole('heading', { name: /dina kort \(1\)/i })).toBeVisible({ timeout: 20_000 });
	await expect(send).toHaveText(/lägg till kort/i);
	await expect(field).toHaveValue('Stövlar utan galler');

	await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
	const mine = (await (await g.request.get(`/api/v1/workshops/${w.id}/cards`)).json()) as { cards: Array<{ id: string; text: string }> };
	expect(mine.cards.map((c) => c.text)).toEqual(['Blött golv vid entrén']);

	// The guest edits and then deletes its own card.
	const own = g.getByRole('region', { name: /skriv en utmaning/i });
	await own.getByRole('button', { name: /ändra kortet: blött golv vid entrén/i }).click();
	await g.getByLabel(/ändra ditt kort/i).fill('Blött golv vid västra entrén');
	await expectAccessible(g, 'participant page, editing an own card');
	await g.getByRole('button', { name: /^spara$/i }).click();
	await expect(own.getByText('Blött golv vid västra entrén')).toBeVisible();
	g.once('dialog', (d) => d.accept());
	await own.getByRole('button', { name: /ta bort kortet: blött golv vid västra entrén/i }).click();
	await expect(g.getByRole('heading', { name: /dina kort/i })).toBeHidden();

	// The facilitator sees the room and removes the guest.
	await f.goto(`/initiatives/${w.initiativeId}/workshops/${w.id}`);
	const people = f.getByRole('region', { name: /deltagare och röster/i });
	await expect(people.getByText(/^1 deltagare$/)).toBeVisible();
	await expect(people.getByText(/0 av 3 röster använda/)).toBeVisible();
	await expectAccessible(f, 'facilitator page with the participants panel');
	f.once('dialog', (d) => d.accept());
	await people.getByRole('button', { name: /ta bort cecilia/i }).click();
	await expect(people.getByRole('row', { name: /cecilia/i })).toContainText(/borttagen/i);
	await g.reload();
	await expect(g.getByRole('heading', { level: 1, name: /du är inte med i workshoppen/i })).toBeVisible();
});
