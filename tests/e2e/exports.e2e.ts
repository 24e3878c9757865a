/**
 * Documents for the committee, as a process leader meets them: the phase stepper is honest about
 * phases that have no pages yet; the brief says who edited it and when, live; the brief, effect
 * logic and conflicts register open as printable pages and download as Word; the journal page
 * hands out the case file. New pages pass axe.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { person } from './helpers/accounts.ts';
import { briefEditor, createInitiative, openBrief, signUp } from './helpers/flows.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

test('a process leader sees honest phases, who edited the brief, and takes the documents to the committee', async ({ page }) => {
	test.setTimeout(120_000);
	const leader = person('Petra Processledare', 'petra');
	await signUp(page, leader, { name: 'Höörs kommun', kind: 'buyer' });
	const id = await createInitiative(page, 'Tystare skolmatsal', 'Bullret i matsalen stör både elever och personal.');

	// Phases without pages say so; market dialogue leads to the RFI rounds, not to the procedure advisor; the sprint phase to the sprints.
	const phases = page.getByRole('navigation', { name: /faser/i });
	const dialogue = phases.getByRole('listitem').filter({ hasText: 'Marknadsdialog' });
	await expect(dialogue.getByRole('link')).toHaveAttribute('href', `/initiatives/${id}/rfis`);
	await expect(dialogue).not.toContainText('kommer i en senare fas');
	const sprint = phases.getByRole('listitem').filter({ hasText: 'Innovationssprint' });
	await expect(sprint.getByRole('link')).toHaveAttribute('href', `/initiatives/${id}/sprints`);
	await expect(sprint).not.toContainText('kommer i en senare fas');
	for (const later of ['Pilot', 'Utvärdera']) {
		await expect(phases.getByRole('listitem').filter({ hasText: later })).toContainText('kommer i en senare fas');
	}
	await expect(phases.getByRole('link', { name: /initiera/i })).toHaveAttribute('href', `/initiatives/${id}/brief`);
	await expect(phases.getByRole('link', { name: /upphandla/i })).toHaveAttribute('href', `/initiatives/${id}/requirements`);
	await expectAccessible(page, 'overview with phase stepper');

	// Nobody has written yet; after typing, the page says who edited and when — without a reload.
	await openBrief(page, id);
	const editors = page.getByTestId('brief-editors');
	await expect(editors).toContainText('Ingen har skrivit i direktivet än');
	const editor = briefEditor(page);
	await editor.click();
	await page.keyboard.type('Bakgrund: matsalen är byggd för 200 elever men rymmer 320.');
	await expect(editors).toContainText(`av ${leader.name}`, { timeout: 20_000 });
	await expect(editors).toContainText(/Senast ändrat \d{1,2} [a-zé.]+ \d{4}/);
	await expect(editors).not.toContainText(/ändringar/);
	await expectAccessible(page, 'brief with editors');

	// The printable brief: the same text, with the Word download beside it.
	await page.getByRole('link', { name: 'Utskriftsvänlig sida' }).click();
	await page.waitForURL(`**/initiatives/${id}/print/brief`);
	await expect(page.getByRole('heading', { level: 2, name: 'Projektdirektiv – Tystare skolmatsal' })).toBeVisible();
	await expect(page.getByText('Bakgrund: matsalen är byggd för 200 elever men rymmer 320.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeVisible();
	await expectAccessible(page, 'print: brief');
	const word = await page.request.get(await page.getByRole('link', { name: /ladda ner som word/i }).getAttribute('href') as string);
	expect(word.status()).toBe(200);
	expect(word.headers()['content-type']).toBe(DOCX);

	for (const [kind, heading] of [
		['effect-logic', 'Effektlogik – Tystare skolmatsal'],
		['conflicts', 'Jävsregister – Tystare skolmatsal']
	] as const) {
		const res = await page.goto(`/initiatives/${id}/print/${kind}`);
		expect(res?.status(), kind).toBe(200);
		await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
		await expectAccessible(page, `print: ${kind}`);
	}
	// No procedure chosen yet: nothing to print.
	expect((await page.goto(`/initiatives/${id}/print/procedure`))?.status()).toBe(404);

	// The case file from the journal page.
	await page.goto(`/initiatives/${id}/journal`);
	const caseFile = page.getByRole('link', { name: 'Ladda ner akten (ZIP)' });
	await expect(caseFile).toBeVisible();
	await expectAccessible(page, 'journal with the case file');
	const zip = await page.request.get((await caseFile.getAttribute('href')) as string);
	expect(zip.status()).toBe(200);
	expect(zip.headers()['content-type']).toBe('application/zip');
	const bytes = await zip.body();
	expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
});
