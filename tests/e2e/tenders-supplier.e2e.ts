/**
 * The supplier's side of a tender round, in real Chromium, on the demo's round that is open for
 * tenders: Golvteknik (Johan wrote a requirement) reads that it is barred, with the evidence, and
 * gives its hearing statement; Städrobot fills in its tender, reloads and finds the draft kept,
 * submits and gets a receipt, withdraws and submits again. Every new page passes axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { demoLogIn } from './helpers/flows.ts';

const OPEN_ROUND = 'Torra och rena entréer på alla förskolor';
const OPENED_ROUND = 'Pilot: torra och rena entréer på tre förskolor';

test.describe.configure({ mode: 'serial' });

async function openRound(page: Page, title: string) {
	await page.goto('/supplier');
	await expect(page.getByRole('heading', { level: 2, name: 'Upphandlingar' })).toBeVisible();
	await page.getByRole('link', { name: title }).click();
	await page.waitForURL(/\/tenders\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

async function fillTender(page: Page, price: string) {
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Ert svar på K1').fill('Roboten suger upp vatten och grus inom två meter från dörren.');
	await page.getByLabel('Ert svar på K2').fill('Roboten stannar vid beröring och har inga åtkomliga rörliga delar.');
	await page.getByLabel(/Pris i kronor/).fill(price);
}

test('a barred supplier reads why, with the evidence, and gives its statement', async ({ page }) => {
	await demoLogIn(page, /johan nilsson/i);
	await page.goto('/supplier');
	await expectAccessible(page, 'supplier portal with tenders');
	await openRound(page, OPEN_ROUND);
	await expect(page.getByText(/Nej\. Er organisation får inte lämna anbud/)).toBeVisible();
	await expect(page.getByText(/^Kravspecifikationen: \d+ ändringar/)).toBeVisible();
	await expect(page.getByLabel(/Pris i kronor/)).toHaveCount(0);
	await expectAccessible(page, 'tender round, barred supplier');

	await page.waitForLoadState('networkidle');
	await page.getByRole('textbox', { name: 'Yttrande' }).fill('Johan formulerade ett bör-krav på kommunens begäran. Kravet finns i underlaget som alla har fått.');
	await page.getByRole('button', { name: 'Lämna yttrandet' }).click();
	await expect(page.getByText('Yttrandet är lämnat.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Ersätt yttrandet' })).toBeVisible();
	await expectAccessible(page, 'tender round, statement given');
});

test('an eligible supplier keeps its draft across a reload, submits, gets a receipt, withdraws and submits again', async ({ page }) => {
	test.setTimeout(120_000);
	await demoLogIn(page, /sara holm/i);
	await openRound(page, OPEN_ROUND);
	// Städrobot took part in the demo sprint: flagged (with that evidence), but it may tender.
	await expect(page.getByText(/Ni får lämna anbud, men upphandlaren prövar/)).toBeVisible();
	await expect(page.getByText(/Deltog i en innovationssprint/)).toBeVisible();
	await expect(page.getByTestId('deadline-left')).toHaveText(/^\d+ dagar.* kvar$/);
	await expectAccessible(page, 'tender round, eligible supplier');

	await fillTender(page, '240 000');
	await page.getByRole('button', { name: 'Lägg till en begäran om sekretess' }).click();
	await expect(page.getByLabel('Vad ska omfattas av sekretess?')).toBeFocused();
	await page.getByLabel('Gäller').selectOption('K1');
	await page.getByLabel('Vad ska omfattas av sekretess?').fill('Sugmunstyckets konstruktion');
	await page.getByLabel(/Varför\? Vilken skada/).fill('Konstruktionen är en affärshemlighet; konkurrenter skulle kunna kopiera den.');
	await page.getByRole('button', { name: 'Spara utkast' }).click();
	await expect(page.getByText(/Utkastet sparat/)).toBeVisible();
	await expectAccessible(page, 'tender form with a draft');

	await page.reload();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('Ert svar på K1')).toHaveValue('Roboten suger upp vatten och grus inom två meter från dörren.');
	await expect(page.getByLabel(/Pris i kronor/)).toHaveValue('240000');
	await expect(page.getByLabel('Vad ska omfattas av sekretess?')).toHaveValue('Sugmunstyckets konstruktion');

	await page.getByRole('button', { name: 'Lämna anbudet' }).click();
	const receipt = page.getByRole('region', { name: 'Kvitto på ert anbud' });
	await expect(receipt).toBeVisible();
	await expect(receipt).toBeFocused();
	await expect(page.getByTestId('receipt-hash')).toHaveText(/^[0-9a-f]{64}$/);
	await expect(page.getByTestId('receipt-time')).toHaveText(/\d{1,2} [a-zåäö]+ \d{4}/);
	const firstHash = await page.getByTestId('receipt-hash').textContent();
	await expect(page.getByText(/Ert inlämnade anbud är förseglat/)).toBeVisible();
	await expectAccessible(page, 'tender receipt');

	await page.getByLabel('Jag vill dra tillbaka vårt anbud').check();
	await page.getByRole('button', { name: 'Dra tillbaka anbudet' }).click();
	await expect(page.getByText('Anbudet är tillbakadraget. Ni kan lämna ett nytt fram till sista anbudsdag.')).toBeVisible();
	await expect(receipt).toHaveCount(0);

	await fillTender(page, '235 000');
	await page.getByRole('button', { name: 'Lämna anbudet' }).click();
	await expect(receipt).toBeVisible();
	await expect(page.getByTestId('receipt-hash')).not.toHaveText(firstHash ?? '');

	await page.goto('/supplier');
	await expect(page.getByRole('listitem').filter({ hasText: OPEN_ROUND }).getByText(/Anbud lämnat/)).toBeVisible();
});

test('a supplier sees that the pilot round has been opened and is under evaluation', async ({ page }) => {
	await demoLogIn(page, /sara holm/i);
	await openRound(page, OPENED_ROUND);
	await expect(page.getByText(/Anbuden öppnades/)).toBeVisible();
	await expect(page.getByRole('region', { name: 'Kvitto på ert anbud' })).toBeVisible();
	await expect(page.getByLabel(/Pris i kronor/)).toHaveCount(0);
	await expectAccessible(page, 'opened tender round (supplier)');
});
