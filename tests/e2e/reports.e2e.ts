/**
 * Evaluation as a process leader meets it (issue 16): writes a lesson, saves the initiative's
 * method as an organisation template, starts a new initiative from the template and finds the
 * copied workshop and lessons there, searches the organisation's lessons, and opens the final
 * report as a printable page with its Word download. Every new page passes axe.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { person } from './helpers/accounts.ts';
import { acceptInvitation, createInitiative, inviteFromMembersPage, newActor, signUp } from './helpers/flows.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

test('a process leader records lessons, saves a method template, starts a new initiative from it and opens the final report', async ({ page }) => {
	test.setTimeout(120_000);
	const leader = person('Rut Rapport', 'rut');
	await signUp(page, leader, { name: 'Eslövs kommun', kind: 'buyer' });
	const id = await createInitiative(page, 'Tystare skolmatsal', 'Bullret i matsalen stör både elever och personal.');
	const ws = await page.request.post(`/api/v1/initiatives/${id}/workshops`, { data: { title: 'Ljudet i matsalen', question: 'När blir det för högt?' } });
	expect(ws.status()).toBe(201);

	// A lesson, written on the initiative's Lessons page.
	await page.getByRole('navigation', { name: /flikar|initiativets delar/i }).getByRole('link', { name: 'Lärdomar' }).click();
	await page.waitForURL(`**/initiatives/${id}/lessons`);
	await page.waitForLoadState('networkidle');
	await expect(page.getByText('Inga lärdomar har skrivits ännu.')).toBeVisible();
	await expectAccessible(page, 'lessons, empty');
	await page.getByLabel('Fas', { exact: true }).selectOption('needs');
	await page.getByLabel('Det här fungerade', { exact: true }).fill('Eleverna kom med skarpa förslag i workshoppen.');
	await page.getByLabel('Rekommendation').last().fill('Bjud in elevrådet från början.');
	await page.getByRole('button', { name: 'Spara lärdomen' }).click();
	await expect(page.getByRole('status')).toContainText('Lärdomen är sparad.');
	await expect(page.getByRole('heading', { level: 3, name: 'Behov' })).toBeVisible();
	await expectAccessible(page, 'lessons with one lesson');

	// Saved as a template for the organisation.
	await page.getByLabel('Mallens namn').fill('Matsalsmallen');
	await page.getByRole('button', { name: 'Spara som mall' }).click();
	await expect(page.getByRole('status')).toContainText('Mallen ”Matsalsmallen” är sparad.');

	// The organisation's templates; start a new initiative from it.
	await page.goto('/organisation/templates');
	await expect(page.getByRole('heading', { level: 2, name: 'Matsalsmallen' })).toBeVisible();
	await expect(page.getByText('1 lärdomar')).toBeVisible();
	await expectAccessible(page, 'organisation templates');
	await page.getByRole('link', { name: 'Starta ett initiativ från ”Matsalsmallen”' }).click();
	await page.waitForURL(/\/initiatives\?template=/);
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel(/starta från mall/i)).toHaveValue(/[0-9a-f-]{36}/);
	await page.getByLabel(/^titel/i).fill('Tystare matsal på Östra skolan');
	await expectAccessible(page, 'new initiative with template choice');
	await page.getByRole('button', { name: /skapa initiativet/i }).click();
	await page.waitForURL(/\/initiatives\/[0-9a-f-]{36}$/);
	const copyId = /\/initiatives\/([0-9a-f-]{36})/.exec(page.url())![1];
	expect(copyId).not.toBe(id);

	// The copy has the workshop (a draft) and brings the lesson along to read.
	await page.goto(`/initiatives/${copyId}/workshops`);
	await expect(page.getByText('Ljudet i matsalen')).toBeVisible();
	await page.goto(`/initiatives/${copyId}/lessons`);
	await expect(page.getByRole('heading', { name: 'Från mallen' })).toBeVisible();
	await expect(page.getByText('Bjud in elevrådet från början.')).toBeVisible();
	await expectAccessible(page, 'lessons from a template');

	// The organisation's lessons, searched.
	await page.goto('/organisation/lessons');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Sök', { exact: true }).fill('elevrådet');
	await page.getByRole('button', { name: 'Sök' }).click();
	await page.waitForURL(/\/organisation\/lessons\?q=/);
	await expect(page.getByRole('heading', { level: 2, name: '1 lärdomar' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Tystare skolmatsal' })).toBeVisible();
	await expectAccessible(page, 'organisation lessons search');

	// The final report: printable, with the Word file beside it; the journal shows the export.
	await page.goto(`/initiatives/${id}`);
	await page.getByRole('navigation', { name: /faser/i }).getByRole('link', { name: /utvärdera/i }).click();
	await page.waitForURL(`**/initiatives/${id}/report`);
	await expect(page.getByRole('heading', { level: 2, name: 'Slutrapport – Tystare skolmatsal' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: 'Lärdomar' })).toBeVisible();
	await expect(page.getByText('Bjud in elevrådet från början.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeVisible();
	await expectAccessible(page, 'final report');
	const word = await page.request.get((await page.getByRole('link', { name: /slutrapporten som word/i }).getAttribute('href')) as string);
	expect(word.status()).toBe(200);
	expect(word.headers()['content-type']).toBe(DOCX);

	// The members page offers the handover (nobody to hand over to yet) and passes axe.
	await page.goto(`/initiatives/${id}/members`);
	await expect(page.getByRole('heading', { name: 'Lämna över processledarrollen' })).toBeVisible();
	await expectAccessible(page, 'members with handover');
});

test('a process leader hands the role to a colleague from the members page, and the journal shows it', async ({ page, browser }) => {
	test.setTimeout(120_000);
	const leader = person('Hanna Överlämnare', 'hanna');
	await signUp(page, leader, { name: 'Höganäs kommun', kind: 'buyer' });
	const id = await createInitiative(page, 'Säkrare skolvägar', 'Fler barn ska kunna gå och cykla till skolan.');
	const colleague = await newActor(browser, person('Kalle Kollega', 'kalle'));
	const link = await inviteFromMembersPage(page, id, colleague.person.email, 'team');
	await signUp(colleague.page, colleague.person, { name: 'Bjuvs kommun', kind: 'buyer' });
	await acceptInvitation(colleague.page, link);

	await page.goto(`/initiatives/${id}/members`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Till', { exact: true }).selectOption({ label: 'Kalle Kollega (Teammedlem)' });
	await page.getByLabel('Din roll efteråt').selectOption('team');
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Lämna över' }).click();
	await expect(page.locator('.status')).toContainText('Processledarrollen är överlämnad.');
	// The leader is now a team member: the handover section and the member administration are gone.
	await expect(page.getByRole('heading', { name: 'Lämna över processledarrollen' })).toHaveCount(0);
	await expectAccessible(page, 'members after the handover');

	// The new process leader reads the journal, which says who handed over to whom.
	await colleague.page.goto(`/initiatives/${id}/journal`);
	await expect(colleague.page.getByText('Hanna Överlämnare lämnade över processledarrollen till Kalle Kollega och blev själv teammedlem')).toBeVisible();
	await colleague.context.close();
});
