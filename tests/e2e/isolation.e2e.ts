/**
 * Rule 3 inside a team, in the browser: the process leader invites two competing suppliers'
 * experts to the demo initiative's team. Each expert sees the buyers and themselves, never the
 * other supplier, and no conflicts register or journal. The process leader's register shows an
 * expert's part in an anonymous workshop as participation with the workshop's date, no time.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { acceptInvitation, demoLogIn } from './helpers/flows.ts';
import { expectAccessible } from './helpers/a11y.ts';

async function demoInitiative(page: Page): Promise<string> {
	const list = (await (await page.request.get('/api/v1/initiatives')).json()) as Array<{ id: string; title: string }>;
	const ini = list.find((i) => /golv/i.test(i.title)) ?? list[0];
	expect(ini).toBeTruthy();
	return ini.id;
}

async function signedIn(browser: Browser, who: RegExp): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await demoLogIn(page, who);
	return page;
}

function write(page: Page, path: string, data: unknown) {
	return page.request.post(path, { data, headers: { origin: new URL(page.url()).origin } });
}

test('supplier experts on one team never see each other or the conflicts register; the register keeps an anonymous workshop anonymous', async ({ browser }) => {
	const maria = await signedIn(browser, /maria lind/i);
	const id = await demoInitiative(maria);
	const johan = await signedIn(browser, /johan nilsson/i);
	const sara = await signedIn(browser, /sara holm/i);
	for (const [page, email] of [
		[johan, 'johan.nilsson@golvteknik.example'],
		[sara, 'sara.holm@stadrobot.example']
	] as const) {
		const res = await write(maria, `/api/v1/initiatives/${id}/invitations`, { email, role: 'team' });
		expect(res.status()).toBe(201);
		await acceptInvitation(page, (await res.json()).inviteUrl);
	}

	// Johan sees the buyers and himself, not Sara or her company, and no register or journal.
	await johan.goto(`/initiatives/${id}/members`);
	const main = johan.getByRole('main');
	await expect(main.getByText('Maria Lind').first()).toBeVisible();
	await expect(main.getByText('Johan Nilsson').first()).toBeVisible();
	await expect(johan.getByText(/sara holm/i)).toHaveCount(0);
	await expect(johan.getByText(/städrobot/i)).toHaveCount(0);
	const tabs = johan.getByRole('navigation', { name: 'Initiativets delar' });
	await expect(tabs.getByRole('link', { name: 'Jäv och konflikter' })).toHaveCount(0);
	await expect(tabs.getByRole('link', { name: 'Journal' })).toHaveCount(0);
	await expectAccessible(johan, 'members page seen by a supplier expert');
	expect((await johan.goto(`/initiatives/${id}/conflicts`))?.status()).toBe(404);
	expect((await johan.goto(`/initiatives/${id}/journal`))?.status()).toBe(404);

	// Sara writes a card in an anonymous workshop; Maria's register records her participation only.
	// (Sara's company is flagged in the demo, so its entry lists every piece of earlier work; Johan's
	// is barred for writing in the requirements, and a barred entry shows the authorship that bars it.)
	const title = `Anonym verkstad ${Date.now().toString(36)}`;
	const created = await write(maria, `/api/v1/initiatives/${id}/workshops`, { title, question: 'Vad gör golven våta?', anonymous: true });
	expect(created.status()).toBe(201);
	const workshop = (await created.json()) as { id: string };
	expect((await write(maria, `/api/v1/workshops/${workshop.id}/phase`, { phase: 'collect' })).status()).toBe(200);
	await sara.goto(`/initiatives/${id}`);
	expect((await write(sara, `/api/v1/workshops/${workshop.id}/cards`, { text: 'Snö från stövlarna' })).status()).toBe(201);

	await maria.goto(`/initiatives/${id}/conflicts`);
	const row = maria.getByRole('row').filter({ hasText: title });
	await expect(row).toBeVisible();
	await expect(row).toContainText('Bara deltagande (anonym workshop)');
	await expect(row).toContainText(/Workshoppens datum \d/);
	await expect(row.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
	await expectAccessible(maria, 'conflicts register with anonymous-workshop participation');
});
