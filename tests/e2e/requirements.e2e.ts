/**
 * Two team members co-write the requirements live, type one on both axes, link it to a need,
 * publish version 1 through the confirmation, change it, publish version 2 and compare the two —
 * in the demo initiative.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoLogIn } from './helpers/flows.ts';
import { expectAccessible } from './helpers/a11y.ts';

async function demoInitiative(page: Page): Promise<string> {
	const res = await page.request.get('/api/v1/initiatives');
	expect(res.status()).toBe(200);
	const list = (await res.json()) as Array<{ id: string; title: string }>;
	const ini = list.find((i) => /golv/i.test(i.title)) ?? list[0];
	expect(ini).toBeTruthy();
	return ini.id;
}

/** Publishes through the confirmation, which first shows what will be frozen; returns the version number. */
async function publishConfirmed(page: Page, expectUnlinked: number | null, audit = false): Promise<number> {
	const opener = page.getByRole('button', { name: 'Publicera version …' });
	await opener.click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByRole('heading', { name: /^Publicera version \d+\?$/ })).toBeVisible();
	await expect(dialog.getByText(/^Krav som fryses: \d+$/)).toBeVisible();
	if (expectUnlinked !== null) await expect(dialog.getByText(`Krav utan kopplat behov: ${expectUnlinked}`, { exact: true })).toBeVisible();
	await expect(dialog.getByText(/^Kommentarer på kraven som fortfarande står öppna: \d+$/)).toBeVisible();
	if (audit) await expectAccessible(page, 'publish confirmation');
	const confirm = dialog.getByRole('button', { name: /^Publicera och frys version \d+$/ });
	const version = Number(/(\d+)$/.exec((await confirm.textContent()) ?? '')![1]);
	await confirm.click();
	await expect(page.getByText(`Version ${version} har publicerats.`)).toBeVisible();
	await expect(dialog).toBeHidden();
	return version;
}

async function openRequirements(page: Page, id: string) {
	await page.goto(`/initiatives/${id}/requirements`);
	await expect(page.getByRole('status').filter({ hasText: /sparat och synkroniserat/i })).toBeVisible({ timeout: 15_000 });
}

test('two team members co-write requirements, link a need, publish v1 and compare with v2', async ({ browser }) => {
	const maria = await browser.newContext();
	const ahmed = await browser.newContext();
	const a = await maria.newPage();
	const b = await ahmed.newPage();
	await demoLogIn(a, /maria lind/i);
	await demoLogIn(b, /ahmed karimi/i);
	const id = await demoInitiative(a);

	const needTitle = `Torra entréer ${Date.now().toString(36)}`;
	const need = await a.request.post(`/api/v1/initiatives/${id}/needs`, {
		data: { title: needTitle, statement: 'Personalen behöver torra golv i hallen så att färre halkar.' },
		headers: { origin: new URL(a.url()).origin }
	});
	expect(need.status()).toBe(201);

	await openRequirements(a, id);
	await openRequirements(b, id);
	await expect(a.getByTestId('presence')).toContainText('Ahmed Karimi');
	await expectAccessible(a, 'requirements editor');

	// Maria adds a requirement and writes its text; Ahmed sees it appear live.
	const marker = `Golvet ska vara torrt inom 10 minuter ${Date.now().toString(36)}`;
	await a.getByRole('button', { name: /^lägg till krav$/i }).click();
	const textA = a.getByLabel(/^Kravtext för K\d+$/).last();
	await expect(textA).toBeFocused();
	await textA.pressSequentially(marker, { delay: 5 });
	const label = await a.getByText(/^Kravtext för K\d+$/).last().textContent();
	const key = /K\d+/.exec(label ?? '')![0];
	const textB = b.getByLabel(`Kravtext för ${key}`, { exact: true });
	await expect(textB).toHaveText(marker);

	// Ahmed writes the rationale; Maria sees it.
	const rationaleB = b.locator(`[data-req-key="${key}"]`).getByLabel('Motivering', { exact: true });
	await rationaleB.fill('Halkolyckor vid entréerna');
	await expect(a.locator(`[data-req-key="${key}"]`).getByLabel('Motivering', { exact: true })).toHaveValue('Halkolyckor vid entréerna');

	// Ahmed types the requirement on both axes; Maria sees both.
	const itemOfB = b.locator(`[data-req-key="${key}"]`);
	await itemOfB.getByLabel('Typ av krav').selectOption({ label: 'Prestandakrav' });
	await itemOfB.getByLabel('Kravnivå').selectOption({ label: 'Bör-krav' });
	await expect(a.locator(`[data-req-key="${key}"]`).getByLabel('Typ av krav')).toHaveValue('performance');
	await expect(a.locator(`[data-req-key="${key}"]`).getByLabel('Kravnivå')).toHaveValue('bor');
	await expect(a.locator(`[data-req-key="${key}"] h4`)).toContainText('Prestandakrav · Bör-krav');

	// Not yet linked to a need: flagged. Maria links it; Ahmed sees the link and the flag goes.
	const unlinkedFlag = 'Kravet är inte kopplat till något behov. Varje krav bör gå att spåra till ett behov.';
	await expect(a.locator(`[data-req-key="${key}"]`).getByText(unlinkedFlag)).toBeVisible();
	await a.locator(`[data-req-key="${key}"]`).getByRole('checkbox', { name: needTitle }).check();
	await expect(b.locator(`[data-req-key="${key}"]`).getByRole('checkbox', { name: needTitle })).toBeChecked();
	await expect(b.locator(`[data-req-key="${key}"]`).getByText(unlinkedFlag)).toHaveCount(0);

	// Cancelling the confirmation publishes nothing and returns focus to the button.
	const versionsBefore = ((await (await a.request.get(`/api/v1/initiatives/${id}/requirements/versions`)).json()) as { versions: unknown[] }).versions.length;
	await a.getByRole('button', { name: 'Publicera version …' }).click();
	await expect(a.getByRole('dialog').getByText(/^Krav som fryses: \d+$/)).toBeVisible();
	await a.keyboard.press('Escape');
	await expect(a.getByRole('dialog')).toBeHidden();
	await expect(a.getByRole('button', { name: 'Publicera version …' })).toBeFocused();
	const versionsAfter = ((await (await a.request.get(`/api/v1/initiatives/${id}/requirements/versions`)).json()) as { versions: unknown[] }).versions.length;
	expect(versionsAfter).toBe(versionsBefore);

	// Publish version 1 through the confirmation.
	await a.getByLabel(/anteckning till versionen/i).fill('Inför RFI');
	const first = await publishConfirmed(a, null, true);
	const frozen = await (await a.request.get(`/api/v1/initiatives/${id}/requirements/versions/${first}`)).json();
	expect(frozen.requirements.find((r: { id: string }) => r.id === key)).toMatchObject({ kind: 'performance', obligation: 'bor' });

	// Ahmed changes the text; Maria publishes version 2.
	await textB.fill(marker.replace('10 minuter', '5 minuter'));
	await expect(textA).toHaveText(marker.replace('10 minuter', '5 minuter'));

	// Ahmed makes a word bold and adds a bullet list from the toolbar; Maria sees the formatting.
	const itemB = b.locator(`[data-req-key="${key}"]`);
	await textB.press('End');
	await textB.press('Enter');
	await itemB.getByRole('button', { name: 'Punktlista' }).click();
	await itemB.getByRole('button', { name: 'Fet' }).click();
	await textB.pressSequentially('även i regnväder', { delay: 5 });
	await expect(itemB.getByRole('button', { name: 'Fet' })).toHaveAttribute('aria-pressed', 'true');
	await expect(a.locator(`[data-req-key="${key}"] li strong`)).toHaveText('även i regnväder');
	await expectAccessible(b, 'requirements editor with rich text');
	const draft = await a.request.get(`/api/v1/initiatives/${id}/requirements`);
	const mine = ((await draft.json()) as { requirements: Array<{ id: string; text: string }> }).requirements.find((r) => r.id === key);
	expect(mine?.text).toBe(`${marker.replace('10 minuter', '5 minuter')}\n• även i regnväder`);
	await openRequirements(a, id);
	expect(await publishConfirmed(a, null)).toBe(first + 1);

	// Compare the two versions.
	await a.goto(`/initiatives/${id}/requirements/compare?a=${first}&b=${first + 1}`);
	await expect(a.getByRole('heading', { name: `Från version ${first} till version ${first + 1}` })).toBeVisible();
	const changed = a.locator('li', { hasText: key });
	await expect(changed.locator('del').first()).toHaveText('10');
	await expect(changed.locator('ins').first()).toHaveText('5');
	await expectAccessible(a, 'version comparison');

	// The list item is part of version 2 as a line of its own.
	await expect(changed.locator('ins', { hasText: 'även i regnväder' }).first()).toBeVisible();

	// Version 1 prints with its need, unchanged.
	await a.goto(`/initiatives/${id}/requirements/versions/${first}/print`);
	await expect(a.getByText(marker)).toBeVisible();
	await expect(a.getByText('även i regnväder')).toHaveCount(0);
	await expect(a.getByText(needTitle)).toBeVisible();

	await maria.close();
	await ahmed.close();
});

test('the procurement officer gets procedure advice, saves a choice, and reads the conflicts register and thresholds', async ({ page }) => {
	await demoLogIn(page, /maria lind/i);
	const id = await demoInitiative(page);

	await page.goto(`/initiatives/${id}/procedure`);
	await page.getByLabel(/uppskattat värde/i).fill('1 500 000');
	await page.getByLabel('Vad köps?').selectOption({ label: 'Tjänster' });
	await page.getByRole('radio', { name: 'Lösningar finns men behöver anpassas' }).check();
	await page.getByRole('button', { name: 'Visa förslag' }).click();
	await expect(page.getByRole('heading', { name: 'Förslag' })).toBeVisible();
	await expect(page.getByText(/Direktupphandlingsgräns: 700\s000\s?kr/)).toBeVisible();
	await expectAccessible(page, 'procedure advice');

	await page.getByRole('radio', { name: /^Förhandlat förfarande/ }).check();
	await page.getByLabel('Motivering').fill('Lösningar finns men måste anpassas till förskolans miljö.');
	await page.getByRole('button', { name: 'Spara valet' }).click();
	await expect(page.getByText(/valet av förfarande har sparats/i)).toBeVisible();

	await page.goto(`/initiatives/${id}/conflicts`);
	await expect(page.getByRole('heading', { name: 'Jävsregister', level: 2 })).toBeVisible();
	await expectAccessible(page, 'conflicts register');

	await page.goto('/admin/thresholds');
	await expect(page.getByRole('heading', { name: /tröskelvärden och direktupphandlingsgränser/i })).toBeVisible();
	await expectAccessible(page, 'thresholds admin');
});
