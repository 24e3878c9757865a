/**
 * A market dialogue from both sides, in real Chromium: the buyer creates and publishes an RFI
 * round and invites two companies; a supplier registers its company from the invitation and asks
 * a question; the buyer answers it to all; the second supplier sees the answer without the
 * asker; both submit; the buyer compares the answers side by side. Every new page passes axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { orgNumber, person } from './helpers/accounts.ts';
import { createInitiative, newActor, signUp } from './helpers/flows.ts';

const local = (days: number) => {
	const d = new Date(Date.now() + days * 86_400_000);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T12:00`;
};

/** Registers a supplier company from an invitation link and accepts it; ends on the round page. */
async function registerFromInvitation(page: Page, inviteUrl: string, who: { name: string; password: string }, company: string) {
	await page.goto(inviteUrl);
	await expect(page.getByRole('heading', { level: 1, name: 'Inbjudan till marknadsdialog' })).toBeVisible();
	await expectAccessible(page, 'supplier invitation');
	await page.getByRole('link', { name: 'Registrera ert företag' }).click();
	await expect(page.getByRole('radio', { name: /företag|leverantör/i })).toBeChecked();
	await page.getByLabel(/^(ditt )?namn/i).first().fill(who.name);
	await page.getByLabel(/lösenord/i).first().fill(who.password);
	await page.getByLabel(/organisationens namn|organisation.*namn/i).fill(company);
	await page.getByLabel(/organisationsnummer/i).fill(orgNumber('supplier'));
	await page.getByRole('button', { name: /skapa konto/i }).click();
	await expect(page).toHaveURL(/\/supplier-invitations\//);
	await page.getByRole('button', { name: 'Godkänn inbjudan' }).click();
	await expect(page).toHaveURL(/\/rfis\/[0-9a-f-]{36}$/);
}

test('a buyer asks the market, two suppliers answer, clarifications reach everyone without the asker', async ({ browser, page }) => {
	test.setTimeout(180_000);
	const buyer = person('Maria Lind', 'rfi-buyer');
	await signUp(page, buyer, { name: 'Sjöstads kommun', kind: 'buyer' });
	const initiativeId = await createInitiative(page, 'Fallprevention i hemtjänsten', 'Färre fall bland äldre som har hemtjänst.');

	await page.goto(`/initiatives/${initiativeId}/rfis`);
	await expect(page.getByRole('heading', { name: 'RFI-rundor' })).toBeVisible();
	await expectAccessible(page, 'rfi list');
	await page.getByLabel('Rubrik', { exact: true }).fill('RFI: sensorer som förebygger fall');
	await page.getByLabel(/introduktion/i).fill('Vi vill förstå vad marknaden kan erbjuda.');
	await page.locator('#rfi-questionsDeadline').fill(local(10));
	await page.locator('#rfi-answersDeadline').fill(local(20));
	await page.locator('#q-text-0').fill('Beskriv er lösning.');
	await page.locator('#q-text-1').fill('Vilken mognadsgrad har lösningen?');
	await page.locator('#q-kind-1').selectOption('choice');
	await page.locator('#q-options-1').fill('Idé\nPrototyp\nPå marknaden');
	await page.getByRole('button', { name: 'Skapa utkast' }).click();
	await expect(page).toHaveURL(/\/rfis\/[0-9a-f-]{36}$/);
	const roundUrl = page.url();
	await expect(page.getByRole('heading', { level: 2, name: 'RFI: sensorer som förebygger fall' })).toBeVisible();

	const invites: string[] = [];
	const emails: string[] = [];
	for (const who of ['rfi-alfa', 'rfi-beta']) {
		const email = person('x', who).email;
		emails.push(email);
		await page.getByLabel('Leverantörens e-postadress').fill(email);
		await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
		const sent = page.getByText(`Inbjudan skickad till ${email}`);
		await expect(sent).toBeVisible();
		invites.push(/Länk: (\S+)/.exec((await sent.textContent()) ?? '')![1]);
		invites[invites.length - 1] = invites[invites.length - 1].replace(/\.$/, '');
	}
	await page.getByLabel('Jag har läst frågorna och vill publicera rundan').check();
	await page.getByRole('button', { name: 'Publicera rundan' }).click();
	await expect(page.getByText(/Publicerad /)).toBeVisible();
	await expectAccessible(page, 'rfi round (buyer)');

	// Supplier A registers from the link, asks a question and answers.
	const alfa = await newActor(browser, { ...person('Anna Alfa', 'rfi-alfa-user'), email: emails[0] });
	await registerFromInvitation(alfa.page, invites[0], alfa.person, 'Alfasensor AB');
	await expectAccessible(alfa.page, 'rfi round (supplier)');
	await alfa.page.getByLabel('Din fråga').fill('Alfasensor undrar: gäller kravet även nattetid?');
	await alfa.page.getByRole('button', { name: 'Skicka frågan' }).click();
	await expect(alfa.page.getByText('Frågan är skickad.')).toBeVisible();

	// The buyer sees who asked, rewords the question so it does not reveal the asker, answers to all.
	await page.goto(roundUrl);
	await expect(page.getByText(/Ställd av Anna Alfa, Alfasensor AB/)).toBeVisible();
	await page.getByLabel('Frågan som den publiceras').fill('Gäller kraven även nattetid?');
	await page.getByLabel('Svar', { exact: true }).fill('Ja, dygnet runt.');
	await page.getByRole('button', { name: 'Publicera svaret till alla' }).click();
	await expect(page.getByText('Ja, dygnet runt.')).toBeVisible();

	// Supplier B registers and sees the clarification, without the asker or the original wording.
	const beta = await newActor(browser, { ...person('Bengt Beta', 'rfi-beta-user'), email: emails[1] });
	await registerFromInvitation(beta.page, invites[1], beta.person, 'Betavård AB');
	await expect(beta.page.getByRole('heading', { name: 'Gäller kraven även nattetid?' })).toBeVisible();
	await expect(beta.page.getByText('Ja, dygnet runt.')).toBeVisible();
	await expect(beta.page.getByText(/Alfasensor|Anna Alfa/)).toHaveCount(0);

	for (const [actor, text, level] of [
		[beta, 'Betas lösning: trygghetslarm med rörelsesensor.', 'Prototyp'],
		[alfa, 'Alfas lösning: golvsensor som larmar vid fall.', 'På marknaden']
	] as const) {
		await actor.page.getByLabel('1. Beskriv er lösning.').fill(text);
		await actor.page.getByRole('radio', { name: level }).check();
		await actor.page.getByRole('button', { name: 'Lämna in svaret' }).click();
		await expect(actor.page.getByText(/Svaret är inlämnat/).first()).toBeVisible();
	}
	await beta.page.goto('/supplier');
	await expect(beta.page.getByText(/Inlämnat/)).toBeVisible();
	await expectAccessible(beta.page, 'supplier start page');

	// The buyer compares the two answers side by side.
	await page.goto(`${roundUrl}/responses`);
	await expect(page.getByRole('heading', { level: 2, name: 'Jämför svaren' })).toBeVisible();
	const first = page.getByRole('region', { name: /Fråga 1\. Beskriv er lösning\./ });
	await expect(first.getByRole('heading', { level: 4, name: 'Alfasensor AB' })).toBeVisible();
	await expect(first.getByRole('heading', { level: 4, name: 'Betavård AB' })).toBeVisible();
	await expect(first.getByText('Alfas lösning: golvsensor som larmar vid fall.')).toBeVisible();
	await expect(first.getByText('Betas lösning: trygghetslarm med rörelsesensor.')).toBeVisible();
	await expectAccessible(page, 'rfi responses');
	await alfa.context.close();
	await beta.context.close();
});
