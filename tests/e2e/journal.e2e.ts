/**
 * A process leader reads the journal of the demo initiative as sentences, opens an entry's
 * details from the keyboard, filters by kind and person with the GET form, and downloads the
 * filtered CSV — in Chromium, with axe on the page as it is and filtered.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { demoLogIn } from './helpers/flows.ts';

test('the journal reads as sentences, with details on demand, filters and a CSV of the selection', async ({ page }) => {
	test.setTimeout(90_000);
	await demoLogIn(page, /maria lind/i);
	await page.goto('/initiatives');
	await page.getByRole('link', { name: 'Torra och rena golv i förskolan' }).click();
	await page.waitForURL(/\/initiatives\/[0-9a-f-]{36}$/);
	const base = new URL(page.url()).pathname;
	await page.goto(`${base}/journal`);

	await expect(page.getByRole('heading', { name: 'Journal', level: 2 })).toBeVisible();
	await expect(page.getByText(/Kedjan är obruten: alla \d+ poster stämmer\./)).toBeVisible();
	const table = page.getByRole('table');
	// No event codes, no JSON: sentences a reader understands.
	await expect(table.getByText('Maria Lind flyttade initiativet från Initiera till Behov.')).toBeVisible();
	await expect(table.getByText('Maria Lind lade till Ahmed Karimi som teammedlem (upphandlare).')).toBeVisible();
	// What is on screen (closed details hold the event code for those who look).
	const visible = await table.innerText();
	expect(visible).not.toContain('initiative.phase_changed');
	expect(visible).not.toContain('{"');

	// The oldest entry is number 1, whatever other initiatives have written.
	const first = table.getByRole('row').filter({ hasText: 'Maria Lind skapade initiativet ”Torra och rena golv i förskolan”.' });
	await expect(first.getByRole('cell').first()).toHaveText('1');
	await expectAccessible(page, 'journal');

	// Details open from the keyboard and read as a labelled list.
	const summary = first.getByText('Detaljer', { exact: false });
	await summary.focus();
	await page.keyboard.press('Enter');
	await expect(first.getByRole('definition').filter({ hasText: /450\s000\s?kr/ })).toBeVisible();
	await expect(first.getByText('Händelsekod')).toBeVisible();
	await expect(first.getByText('initiative.created')).toBeVisible();

	// Filter by kind and person with the GET form.
	await page.getByLabel('Händelsetyp').selectOption({ label: 'Medlemmar' });
	await page.getByLabel('Person').selectOption({ label: 'Maria Lind' });
	await page.getByRole('button', { name: 'Visa', exact: true }).click();
	await page.waitForURL(/kind=member/);
	expect(new URL(page.url()).searchParams.get('actor')).toMatch(/^[0-9a-f-]{36}$/);
	await expect(page.getByRole('status')).toContainText(/Visar \d+ av \d+ poster\./);
	await expect(page.getByRole('table')).not.toContainText('flyttade initiativet');
	await expect(page.getByRole('table')).toContainText('lade till Eva Berg som observatör');
	await expectAccessible(page, 'journal filtered');

	// A date range in the past leaves nothing, and says so.
	await page.getByLabel('Från och med').fill('2020-01-01');
	await page.getByLabel('Till och med').fill('2020-01-31');
	await page.getByRole('button', { name: 'Visa', exact: true }).click();
	await page.waitForURL(/from=2020-01-01/);
	await expect(page.getByText('Inga poster matchar filtret.')).toBeVisible();

	// The CSV link carries the same filter.
	await page.getByRole('link', { name: 'Visa hela journalen' }).click();
	await page.waitForURL((u) => u.search === '');
	await expect(page.getByLabel('Från och med')).toHaveValue('');
	await page.getByLabel('Händelsetyp').selectOption({ label: 'Medlemmar' });
	await page.getByRole('button', { name: 'Visa', exact: true }).click();
	await page.waitForURL(/kind=member/);
	const href = await page.getByRole('link', { name: 'Ladda ner urvalet som CSV' }).getAttribute('href');
	expect(href).toContain('kind=member');
	const csv = await page.request.get(href!);
	expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
	const text = await csv.text();
	expect(text).toContain(';"Maria Lind lade till Ahmed Karimi som teammedlem (upphandlare).";');
	expect(text).not.toContain('flyttade initiativet');
});
