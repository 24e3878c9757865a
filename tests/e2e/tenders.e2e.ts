/**
 * A tender round from publication to award, from the buyer team's side, in real Chromium: the
 * process leader publishes requirements, creates a round in the UI (a refused form keeps its
 * input), publishes it to every registered supplier; two suppliers tender through the API with
 * their own sessions (their pages are another journey); the page stays sealed without a count
 * until the deadline has passed by the server's clock; two named openers approve; the protocol
 * shows the receipt hashes; the leader declares, scores, sees the ranking, awards, and the
 * standstill counts down. Every new page passes axe.
 *
 * Time: the e2e server runs on the real clock (RFI journeys too), so the round's deadline is set
 * three minutes ahead and the journey waits for it to pass.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { person } from './helpers/accounts.ts';
import { acceptInvitation, createInitiative, inviteFromMembersPage, newActor, signUp } from './helpers/flows.ts';

/** A `datetime-local` value in Swedish time, `minutes` from now (rounded down to the minute). */
function stockholmLocal(minutes: number): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(Date.now() + minutes * 60_000));
	const get = (t: string) => parts.find((p) => p.type === t)!.value;
	return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Writes one requirement in the live editor and publishes it as a version. */
async function publishRequirement(page: Page, initiativeId: string, text: string): Promise<void> {
	await page.goto(`/initiatives/${initiativeId}/requirements`);
	const synced = page.getByRole('status').filter({ hasText: /sparat och synkroniserat/i });
	await expect(synced).toBeVisible({ timeout: 15_000 });
	await page.getByRole('button', { name: /^lägg till krav$/i }).click();
	const field = page.getByLabel(/^Kravtext för K\d+$/).last();
	await expect(field).toBeFocused();
	await field.pressSequentially(text, { delay: 5 });
	await expect(synced).toBeVisible({ timeout: 15_000 });
	await page.getByRole('button', { name: 'Publicera version …' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByRole('button', { name: /^Publicera och frys version \d+$/ }).click();
	await expect(page.getByText(/Version \d+ har publicerats\./)).toBeVisible();
}

test('a buyer team runs a tender round from publication to award, with the standstill shown', async ({ browser, page }) => {
	test.setTimeout(420_000);
	const leader = person('Maria Lind', 'tender-leader');
	await signUp(page, leader, { name: 'Sjöstads kommun', kind: 'buyer' });
	const initiativeId = await createInitiative(page, 'Trygghetslarm i hemtjänsten', 'Larm som når personalen snabbt.');

	const colleague = await newActor(browser, person('Ahmed Karimi', 'tender-colleague'));
	const link = await inviteFromMembersPage(page, initiativeId, colleague.person.email, 'team');
	await signUp(colleague.page, colleague.person, { name: 'Västby kommun', kind: 'buyer' });
	await acceptInvitation(colleague.page, link);

	await publishRequirement(page, initiativeId, 'Larmet ska nå personalen inom 30 sekunder.');

	// The tenders tab, the list and the new round form.
	await page.goto(`/initiatives/${initiativeId}`);
	await page.getByRole('navigation', { name: 'Initiativets delar' }).getByRole('link', { name: 'Anbudsgivning' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Upphandlingar' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await expectAccessible(page, 'tender list');

	// A form with one opener is refused with a Swedish message, and keeps what was typed.
	const title = 'Upphandling: trygghetslarm';
	await page.getByLabel('Rubrik', { exact: true }).fill(title);
	const deadline = stockholmLocal(3);
	await page.getByLabel(/^Sista anbudsdag/).fill(deadline);
	await page.getByRole('checkbox', { name: /Maria Lind/ }).check();
	await page.getByRole('button', { name: 'Skapa utkast' }).click();
	await expect(page.getByRole('alert')).toContainText('Ange minst två förrättare för anbudsöppningen.');
	await expect(page.getByLabel('Rubrik', { exact: true })).toHaveValue(title);
	await expect(page.getByRole('checkbox', { name: /Maria Lind/ })).toBeChecked();
	await expectAccessible(page, 'tender form with errors');

	await page.waitForLoadState('networkidle');
	await page.getByLabel(/^Sista anbudsdag/).fill(stockholmLocal(3));
	await page.getByRole('checkbox', { name: /Ahmed Karimi/ }).check();
	await page.getByRole('checkbox', { name: /^K1 Larmet ska nå/ }).check();
	await page.getByRole('button', { name: 'Skapa utkast' }).click();
	await expect(page).toHaveURL(/\/tenders\/[0-9a-f-]{36}$/);
	const tenderId = /\/tenders\/([0-9a-f-]{36})$/.exec(page.url())![1];
	await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();

	// Publication to every registered supplier.
	await page.waitForLoadState('networkidle');
	await page.getByRole('radio', { name: 'Alla registrerade leverantörer' }).check();
	await page.getByLabel('Jag har granskat underlaget och vill publicera upphandlingen').check();
	await page.getByRole('button', { name: 'Publicera upphandlingen' }).click();
	await expect(page.getByText('Upphandlingen är publicerad.')).toBeVisible();
	await expectAccessible(page, 'tender round (published)');

	// Two suppliers tender with their own sessions, through the API.
	const receipts: string[] = [];
	for (const [name, company, price, answer] of [
		['Anna Alfa', 'Alfalarm AB', 250_000, 'Larmet når personalen inom 12 sekunder.'],
		['Bo Beta', 'Betasäkerhet AB', 200_000, 'Larmet når personalen inom 25 sekunder.']
	] as const) {
		const supplier = await newActor(browser, person(name, 'tender-supplier'));
		await signUp(supplier.page, supplier.person, { name: company, kind: 'supplier' });
		const res = await supplier.page.request.post(`/api/v1/tenders/${tenderId}/submissions`, {
			data: {
				answers: [{ requirementId: 'K1', value: answer }],
				priceSek: price,
				...(company === 'Alfalarm AB' ? { confidentiality: [{ requirementId: 'K1', what: 'Hur larmet når fram så snabbt', why: 'Metoden är en affärshemlighet.' }] } : {})
			},
			headers: { origin: new URL(supplier.page.url()).origin }
		});
		expect(res.status()).toBe(201);
		receipts.push(((await res.json()) as { receipt: { sha256: string } }).receipt.sha256);
		await supplier.context.close();
	}

	// Sealed: the team's page says so and gives no count.
	await page.reload();
	await expect(page.getByTestId('sealed')).toContainText('Anbuden är förseglade till anbudsöppningen.');
	await expect(page.getByText(/\d+ anbud/)).toHaveCount(0);
	await page.goto(`/initiatives/${initiativeId}/tenders`);
	await expect(page.getByText('Anbuden är förseglade till öppningen')).toBeVisible();

	// The deadline passes by the server's clock; then the named openers approve, one each.
	await page.goto(`/initiatives/${initiativeId}/tenders/${tenderId}`);
	const approve = page.getByRole('button', { name: 'Godkänn anbudsöppningen' });
	await expect(async () => {
		await page.reload();
		await expect(approve).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 240_000, intervals: [5_000] });
	await expect(page.getByText('0 av 2 förrättare har godkänt öppningen')).toBeVisible();
	await expectAccessible(page, 'tender round (awaiting opening)');
	await approve.click();
	await expect(page.getByText('1 av 2 förrättare har godkänt öppningen')).toBeVisible();
	await expect(page.getByText('Du har godkänt. Väntar på en andra förrättare.')).toBeVisible();

	await colleague.page.goto(`/initiatives/${initiativeId}/tenders/${tenderId}`);
	await colleague.page.waitForLoadState('networkidle');
	await colleague.page.getByRole('button', { name: 'Godkänn anbudsöppningen' }).click();
	await expect(colleague.page.getByText('Anbuden är öppnade.')).toBeVisible();

	// The protocol lists both tenders with the hashes their receipts gave.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Öppningsprotokoll' })).toBeVisible();
	for (const sha of receipts) await expect(page.getByText(sha, { exact: true })).toBeVisible();
	await expect(page.getByText('Kontrollsumman stämmer')).toHaveCount(2);
	await expectAccessible(page, 'tender round (opened, protocol)');

	// The leader declares, then scores; the ranking shows the weighted totals.
	await expect(page.getByText('Anbuden visas för dig när du har lämnat din jävsdeklaration.')).toBeVisible();
	await page.waitForLoadState('networkidle');
	await page.getByLabel(/Jag intygar att jag inte har någon intressekonflikt/).check();
	await page.getByRole('button', { name: 'Lämna jävsdeklarationen' }).click();
	await expect(page.getByText('Du har lämnat din jävsdeklaration.')).toBeVisible();
	// Qualification (kvalificering) before the evaluation: both tenderers qualify, with reasons.
	const qualification = page.getByRole('region', { name: 'Kvalificering', exact: true });
	for (const company of ['Alfalarm AB', 'Betasäkerhet AB']) {
		await page.waitForLoadState('networkidle');
		const card = qualification.getByRole('article', { name: company });
		await card.getByRole('radio', { name: 'Kvalificerad', exact: true }).check();
		await card.getByLabel('Motivering', { exact: true }).fill(`${company} uppfyller kraven på ekonomisk kapacitet och referenser.`);
		await card.getByRole('button', { name: 'Spara bedömningen' }).click();
		await expect(card.getByText('Bedömningen är sparad.')).toBeVisible();
	}
	await expectAccessible(page, 'tender round (qualification)');
	for (const [company, score] of [
		['Alfalarm AB', '10'],
		['Betasäkerhet AB', '5']
	] as const) {
		await page.waitForLoadState('networkidle');
		await page.getByLabel(`Betyg för Kvalitet, ${company}`).selectOption(score);
		const card = page.getByRole('article', { name: company }).filter({ has: page.getByRole('button', { name: 'Spara betyget' }) });
		await card.getByLabel('Motivering', { exact: true }).fill(`${company}: svarstiden motiverar betyget ${score}.`);
		await card.getByRole('button', { name: 'Spara betyget' }).click();
		await expect(page.getByText('Betyget är sparat.')).toBeVisible();
	}
	// Alfalarm's confidentiality request is assessed, with a reason.
	const alfa = page.getByRole('article', { name: 'Alfalarm AB' }).filter({ has: page.getByRole('button', { name: 'Spara prövningen' }) });
	await alfa.getByRole('radio', { name: 'Bevilja sekretess' }).check();
	await alfa.getByLabel('Motivering av prövningen').fill('Metoden är en affärshemlighet enligt OSL 31:16.');
	await alfa.getByRole('button', { name: 'Spara prövningen' }).click();
	await expect(page.getByText('Prövningen är sparad.')).toBeVisible();
	// Alfalarm: 200000/250000 × 40 = 32 + 10/10 × 60 = 92; Betasäkerhet: 40 + 30 = 70.
	const rows = page.getByTestId('ranking-row');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toContainText('Alfalarm AB');
	await expect(rows.nth(0)).toContainText('92');
	await expect(rows.nth(1)).toContainText('Betasäkerhet AB');
	await expect(rows.nth(1)).toContainText('70');
	await expectAccessible(page, 'tender round (evaluation)');

	// Award, and the standstill counts down on the buyer's page.
	await page.waitForLoadState('networkidle');
	await page.getByRole('radio', { name: /^Alfalarm AB/ }).check();
	await page.getByLabel('Motivering av tilldelningsbeslutet').fill('Högst totalpoäng: snabbast larm till rimligt pris.');
	await page.getByRole('button', { name: 'Fatta tilldelningsbeslutet' }).click();
	await expect(page.getByText('Tilldelningsbeslutet är fattat och anbudsgivarna har fått besked.')).toBeVisible();
	await expect(page.getByText(/Tilldelningsbeslut .*: Alfalarm AB\./)).toBeVisible();
	const standstill = page.getByTestId('standstill');
	await expect(standstill).toContainText(/9 dagar och 23 timmar kvar av avtalsspärren/);
	await expect(standstill).toContainText(/Avtalsspärren löper ut \d+ \w+ \d{4}/);
	await expect(page.getByText(/Avtalet kan markeras som tecknat när avtalsspärren har löpt ut/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Markera avtalet som tecknat' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Ladda ner den offentliga versionen (JSON)' })).toBeVisible();
	await expectAccessible(page, 'tender round (awarded, standstill)');
	await colleague.context.close();
});
