/**
 * The leader's sprint console in real Chromium: the organisation adds its own sprint template; a
 * process leader creates a sprint, adds two
 * supplier rooms by invitation, publishes an input to every room and starts a stage with a timer.
 * One supplier registers from its invitation, reads and accepts the terms, and sees its own room
 * with the input and the running stage — and nothing of the other room. Every new page passes axe;
 * the forms are driven from the keyboard.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { orgNumber, person } from './helpers/accounts.ts';
import { createInitiative, newActor, signUp } from './helpers/flows.ts';

/** Registers a supplier company from an invitation link and accepts it; ends in the sprint room. */
async function registerFromInvitation(page: Page, inviteUrl: string, who: { name: string; password: string }, company: string) {
	await page.goto(inviteUrl);
	await page.getByRole('link', { name: 'Registrera ert företag' }).click();
	await page.getByLabel(/^(ditt )?namn/i).first().fill(who.name);
	await page.getByLabel(/lösenord/i).first().fill(who.password);
	await page.getByLabel(/organisationens namn|organisation.*namn/i).fill(company);
	await page.getByLabel(/organisationsnummer/i).fill(orgNumber('supplier'));
	await page.getByRole('button', { name: /skapa konto/i }).click();
	await expect(page).toHaveURL(/\/supplier-invitations\//);
	await page.getByRole('button', { name: 'Godkänn inbjudan' }).click();
	await expect(page).toHaveURL(/\/sprints\/[0-9a-f-]{36}$/);
}

test('a leader creates a sprint, adds two rooms, publishes an input and starts a stage; a supplier sees only its own room', async ({ browser, page }) => {
	test.setTimeout(180_000);
	const leader = person('Lena Ledare', 'sprint-leader');
	await signUp(page, leader, { name: 'Ystads kommun', kind: 'buyer' });
	const initiativeId = await createInitiative(page, 'Trygg hemgång', 'Färre återinskrivningar efter utskrivning.');

	// The organisation adds its own template (data, not code) and then offers it for new sprints.
	await page.goto('/organisation');
	await page.getByRole('link', { name: 'Sprintmallar' }).click();
	await page.waitForLoadState('networkidle');
	await expectAccessible(page, 'sprint templates');
	await page.getByLabel('Mallens namn').fill('Tredagarssprint');
	const day1 = page.getByRole('group', { name: 'Dag 1' });
	await day1.getByLabel('Kartlägg').check();
	await day1.getByLabel('Skissa').check();
	await page.getByRole('group', { name: 'Dag 2' }).getByLabel('Besluta').check();
	const day3 = page.getByRole('group', { name: 'Dag 3' });
	await day3.getByLabel('Prototyp').check();
	await day3.getByLabel('Testa').check();
	await page.getByRole('button', { name: 'Lägg till mallen' }).click();
	await expect(page.getByText('Mallen är tillagd.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Tredagarssprint' })).toBeVisible();

	await page.goto(`/initiatives/${initiativeId}/sprints`);
	await expect(page.getByRole('heading', { level: 2, name: 'Innovationssprintar' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await expectAccessible(page, 'sprint list');
	await page.getByLabel('Titel').fill('Sprint hemgång');
	await expect(page.getByLabel('Mall').getByRole('option', { name: /Tredagarssprint/ })).toHaveCount(1);
	await page.getByLabel('Mall').selectOption('design_sprint_4');
	await page.getByLabel('Långsiktigt mål').fill('Ingen ska behöva åka tillbaka första veckan.');
	await page.getByLabel('Sprintfrågor', { exact: true }).fill('Kan vi upptäcka oro tidigt?\nLitar personalen på larmen?');
	// Submitted from the keyboard.
	await page.getByLabel('Sprintfrågor', { exact: true }).focus();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/sprints\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 2, name: 'Sprint hemgång' })).toBeVisible();
	await page.waitForLoadState('networkidle');

	const invites: string[] = [];
	for (const who of ['sprint-alfa', 'sprint-beta']) {
		const email = person('x', who).email;
		await page.getByLabel('E-postadress till leverantören').fill(email);
		await page.getByRole('button', { name: 'Bjud in' }).click();
		const sent = page.getByText(`Inbjudan skickad till ${email}`);
		await expect(sent).toBeVisible();
		invites.push(/Länk: (\S+)/.exec((await sent.textContent()) ?? '')![1].replace(/\.$/, ''));
		await page.waitForLoadState('networkidle');
	}
	await expect(page.getByRole('table', { name: /Framsteg per rum/ }).getByRole('row')).toHaveCount(3);
	await expectAccessible(page, 'sprint console');

	await page.getByLabel('Rubrik').fill('Fråga experterna');
	await page.getByLabel('Text', { exact: true }).fill('Anteckningar från samtalen med distriktssköterskorna.');
	await page.getByRole('button', { name: 'Publicera underlaget' }).click();
	await expect(page.getByText('Underlaget är publicerat.')).toBeVisible();
	await page.waitForLoadState('networkidle');

	await page.getByLabel('Steg', { exact: true }).selectOption('map');
	await page.getByLabel(/Timer i minuter/).fill('10');
	await page.getByRole('button', { name: 'Starta steget i alla rum' }).click();
	await expect(page.getByText('Steget har startats i alla rum.')).toBeVisible();
	await expect(page.getByText('Pågående steg: Kartlägg')).toBeVisible();
	await expect(page.getByRole('timer')).toBeVisible();
	await expectAccessible(page, 'sprint console after start');

	await page.getByRole('link', { name: 'Visa och skriv ut' }).click();
	await expect(page.getByRole('heading', { name: /Paritetsrapport/ })).toBeVisible();
	await expectAccessible(page, 'parity report');

	// Supplier Alfa registers from its link, reads the terms, accepts and enters its room.
	const alfa = await newActor(browser, { ...person('Anna Alfa', 'sprint-alfa-user'), email: person('x', 'sprint-alfa').email });
	await registerFromInvitation(alfa.page, invites[0], alfa.person, 'Alfasensor AB');
	await expect(alfa.page.getByRole('heading', { name: 'Villkor för deltagande' })).toBeVisible();
	await expect(alfa.page.getByText('Fråga experterna')).toHaveCount(0);
	await alfa.page.waitForLoadState('networkidle');
	await expectAccessible(alfa.page, 'sprint terms');
	await alfa.page.getByLabel('Vi har läst och godkänner villkoren för deltagande').check();
	await alfa.page.getByRole('button', { name: 'Godkänn och öppna rummet' }).click();
	await expect(alfa.page.getByText('Villkoren är godkända. Välkommen till rummet.')).toBeVisible();
	await expect(alfa.page.getByRole('heading', { level: 3, name: 'Fråga experterna' })).toBeVisible();
	await expect(alfa.page.getByText('Steg: Kartlägg')).toBeVisible();
	await expect(alfa.page.getByRole('timer')).toBeVisible();
	await expect(alfa.page.getByText(/Rum B/)).toHaveCount(0);
	await alfa.page.waitForLoadState('networkidle');
	await expectAccessible(alfa.page, 'sprint room (supplier)');

	await alfa.page.getByLabel('Ny fråga').fill('Får vi prata med en distriktssköterska?');
	await alfa.page.getByRole('button', { name: 'Skicka frågan' }).click();
	await expect(alfa.page.getByText('Frågan är skickad.')).toBeVisible();

	// The leader starts the next stage: the supplier's board follows live, without reloading.
	await page.goto(`/initiatives/${initiativeId}/sprints`);
	await page.getByRole('link', { name: 'Sprint hemgång' }).click();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Steg', { exact: true }).selectOption('sketch');
	await page.getByRole('button', { name: 'Starta steget i alla rum' }).click();
	await expect(page.getByText('Pågående steg: Skissa')).toBeVisible();
	await expect(alfa.page.getByText('Steg: Skissa')).toBeVisible();
	await alfa.context.close();
});
