/**
 * A pilot from plan to decision, in real Chromium: the process leader creates a pilot bought by
 * direct award from a registered supplier, adds a measurement point with a baseline, imports
 * values from CSV after a preview that shows the bad row, sees the chart with its text summary
 * and table, and records the go/no-go; the observers' dashboard shows the decision and the
 * supplier finds its own pilot in its portal. Every new page passes axe.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { person } from './helpers/accounts.ts';
import { createInitiative, newActor, signUp } from './helpers/flows.ts';

test('a process leader plans a pilot, imports values from CSV, reads the chart and records the go/no-go', async ({ browser, page }) => {
	test.setTimeout(180_000);
	const company = `Pilotgolv ${Date.now().toString(36)} AB`;
	const supplier = await newActor(browser, person('Johan Nilsson', 'pilot-supplier'));
	await signUp(supplier.page, supplier.person, { name: company, kind: 'supplier' });

	const leader = person('Maria Lind', 'pilot-leader');
	await signUp(page, leader, { name: 'Sjöstads kommun', kind: 'buyer' });
	const initiativeId = await createInitiative(page, 'Torra entréer', 'Halkolyckor vid förskolornas entréer.');

	await page.goto(`/initiatives/${initiativeId}/pilots`);
	await expect(page.getByRole('heading', { level: 2, name: 'Piloter' })).toBeVisible();
	await expectAccessible(page, 'pilots list');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Rubrik', { exact: true }).fill('Entrémattor på tre förskolor');
	await page.getByRole('checkbox', { name: company }).check();
	await page.getByLabel('Pilotens värde (kronor)').fill('150000');
	await page.getByRole('button', { name: 'Skapa piloten' }).click();
	// Above 100 000 SEK by direct award the reason is required.
	await expect(page.getByRole('alert')).toContainText('skälen för direktupphandlingen');
	await page.getByLabel('Skäl för direktupphandlingen').fill('Liten pilot under en vinter; tre leverantörer tillfrågades.');
	await page.getByRole('button', { name: 'Skapa piloten' }).click();
	await expect(page).toHaveURL(/\/pilots\/[0-9a-f-]{36}\?created=1$/);
	const pilotUrl = page.url().replace(/\?.*$/, '');
	await expect(page.getByRole('heading', { level: 2, name: 'Entrémattor på tre förskolor' })).toBeVisible();
	await expect(page.locator('ul.missing')).toContainText('Mätpunkter');
	await expect(page.getByRole('status').filter({ hasText: /Ändringar syns direkt/ })).toBeVisible();
	await expectAccessible(page, 'pilot plan');

	// A section of the plan, edited live.
	await page.getByLabel('Mål och syfte').fill('Färre halkolyckor vid entréerna.');
	await page.waitForLoadState('networkidle');
	await page.locator('#pt-name-0').fill('Halkolyckor per månad');
	await page.locator('#pt-unit-0').fill('st');
	await page.locator('#pt-dir-0').selectOption('down');
	await page.locator('#pt-base-0').fill('14');
	await page.locator('#pt-based-0').fill('2026-01-01');
	await page.locator('#pt-target-0').fill('8');
	await page.getByRole('button', { name: 'Spara mätpunkterna' }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Sparat\.$/ })).toBeVisible();

	await page.waitForLoadState('networkidle');
	await page.getByLabel('… eller klistra in raderna').fill('point,date,value,note\nHalkolyckor per månad,2026-01-31,12,\nHalkolyckor per månad,2026-02-28,"7,5",efter bytet\nOkänd punkt,2026-02-28,1,');
	await page.getByRole('button', { name: 'Förhandsgranska' }).click();
	await expect(page.getByRole('heading', { name: /2 rader kan registreras, 1 rader har fel/ })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Rader med fel (registreras inte)' })).toContainText('Okänd mätpunkt');
	await expectAccessible(page, 'csv preview');
	await page.getByRole('button', { name: 'Registrera 2 värden' }).click();
	await expect(page.getByRole('status').filter({ hasText: '2 värden registrerades' })).toBeVisible();

	const chart = page.getByRole('figure', { name: /Halkolyckor per månad/ });
	await expect(chart.getByRole('img')).toBeVisible();
	await expect(chart).toContainText('Senaste bekräftade värde 7,5 st');
	await expect(chart).toContainText('målet är nått');
	const table = page.getByRole('table', { name: 'Mätvärden för Halkolyckor per månad' });
	await expect(table).toContainText('12');
	await expect(table).toContainText('7,5');
	await expectAccessible(page, 'pilot with chart');

	await page.goto(`${pilotUrl}/gate`);
	await expect(page.getByRole('heading', { level: 2, name: /Go\/no-go/ })).toBeVisible();
	await expect(page.getByText('Uppnådde vi det vi ville – för båda parter?')).toBeVisible();
	await expectAccessible(page, 'go/no-go gate');
	await page.waitForLoadState('networkidle');
	await page.getByRole('radio', { name: 'Skala upp' }).check();
	await page.getByLabel('Motivering').fill('Halkolyckorna har nästan halverats.');
	await page.getByRole('button', { name: 'Registrera beslutet' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Beslutet är registrerat' })).toBeVisible();
	await expect(page.getByText('Halkolyckorna har nästan halverats.').first()).toBeVisible();

	await page.goto(`/initiatives/${initiativeId}/dashboard`);
	await expect(page.getByRole('heading', { level: 2, name: 'Lägesbild' })).toBeVisible();
	await expect(page.getByRole('table', { name: /Indikatorer för Entrémattor/ })).toContainText('Målet är nått');
	await expect(page.getByText('Skala upp').first()).toBeVisible();
	await expectAccessible(page, 'observer dashboard');

	await supplier.page.goto('/supplier');
	await supplier.page.getByRole('link', { name: 'Entrémattor på tre förskolor' }).click();
	await expect(supplier.page.getByRole('heading', { level: 1, name: 'Entrémattor på tre förskolor' })).toBeVisible();
	await expect(supplier.page.getByRole('table', { name: 'Mätvärden för Halkolyckor per månad' })).toContainText('7,5');
	await expectAccessible(supplier.page, 'supplier pilot');
	await supplier.context.close();
});
