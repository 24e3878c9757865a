/**
 * A finding in a supplier's sprint room proposes a new requirement; the process leader follows the
 * link from the room's log to the proposal among the requirements page's "Ändringsförslag" and
 * accepts it with a reason using the keyboard only; the supplier's room then shows the status.
 * Axe passes on the room and the requirements page.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { person } from './helpers/accounts.ts';
import { createInitiative, newActor, signUp } from './helpers/flows.ts';

async function api<T = Record<string, unknown>>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
	return page.evaluate(
		async ({ method, path, body }) => {
			const res = await fetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
			return { status: res.status, body: await res.json().catch(() => null) };
		},
		{ method, path, body }
	);
}

test('a sprint finding proposes a requirement; the leader accepts it with the keyboard', async ({ browser, page }) => {
	test.setTimeout(120_000);
	const leader = person('Lena Lund', 'proposal-leader');
	await signUp(page, leader, { name: 'Skurups kommun', kind: 'buyer' });
	const initiativeId = await createInitiative(page, 'Trygga nätter', 'Färre fall nattetid på boendet.');
	const alfa = await newActor(browser, person('Alma Alfa', 'proposal-alfa'));
	await signUp(alfa.page, alfa.person, { name: 'Alfanatt AB', kind: 'supplier' });
	const alfaMe = (await api<{ organisation: { id: string } }>(alfa.page, 'GET', '/api/v1/me')).body;
	const sprint = await api<{ id: string }>(page, 'POST', `/api/v1/initiatives/${initiativeId}/sprints`, { title: 'Nattsprinten', template: 'design_sprint_4', goal: 'Tryggare nätter', questions: [] });
	expect(sprint.status).toBe(201);
	const roomId = (await api<{ roomId: string }>(page, 'POST', `/api/v1/sprints/${sprint.body.id}/rooms`, { organisationId: alfaMe.organisation.id })).body.roomId;
	await alfa.page.goto(`/sprints/${roomId}`);
	expect((await api(alfa.page, 'POST', `/api/v1/sprint-rooms/${roomId}/terms`, { accept: true })).status).toBe(200);

	// The supplier records a finding that proposes a new requirement, from the keyboard.
	const a = alfa.page;
	await a.goto(`/sprints/${roomId}`);
	await a.getByRole('radio', { name: 'Lärdom' }).check();
	await a.getByLabel('Text', { exact: true }).fill('Nattpersonalen hör inte larmet i tvättstugan.');
	await a.getByLabel('Förslag till kravändring (valfritt)').fill('Larmet ska höras i alla utrymmen där personal arbetar.');
	await a.getByRole('button', { name: 'Lägg till i loggen' }).focus();
	await a.keyboard.press('Enter');
	await expect(a.getByText('Förslag till kravändring (nytt krav): Öppet')).toBeVisible();
	await expectAccessible(a, 'sprint room with a proposal');

	// The leader follows the finding's link to the proposal on the requirements page.
	await page.goto(`/sprints/${roomId}`);
	await page.getByRole('link', { name: 'Visa förslaget bland ändringsförslagen' }).click();
	await expect(page).toHaveURL(/\/requirements\?proposals=all#proposal-[0-9a-f-]{36}$/);
	const card = page.locator('li[id^="proposal-"]').filter({ hasText: 'Larmet ska höras i alla utrymmen' });
	await expect(card.getByRole('heading', { name: /Nytt krav/ })).toBeVisible();
	await expect(card).toContainText('Från en lärdom i sprinten Nattsprinten, rum A');
	await expectAccessible(page, 'requirements page with change proposals');

	// Keyboard only: choose "Godta" with Space, Tab out of the radio group to the reason, submit with Enter.
	await card.getByRole('radio', { name: 'Godta' }).focus();
	await page.keyboard.press('Space');
	await expect(card.getByRole('radio', { name: 'Godta' })).toBeChecked();
	await page.keyboard.press('Tab');
	await expect(card.getByLabel('Motivering (krävs)')).toBeFocused();
	await page.keyboard.type('Stämmer med nattpersonalens erfarenhet.');
	await page.keyboard.press('Tab');
	await expect(card.getByRole('button', { name: 'Spara beslutet' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Beslutet är sparat.')).toBeVisible();
	const decided = page.locator('li[id^="proposal-"]').filter({ hasText: 'Larmet ska höras i alla utrymmen' });
	await expect(decided).toContainText('Godtaget – att föra in');
	await expect(decided).toContainText('Stämmer med nattpersonalens erfarenhet.');
	await expect(decided.getByRole('button', { name: 'Spara beslutet' })).toHaveCount(0);
	await expectAccessible(page, 'requirements page after the decision');

	// The status filter narrows the list; the supplier's room shows the decision.
	await page.getByLabel('Visa förslag').selectOption('open');
	await page.getByRole('button', { name: 'Visa', exact: true }).click();
	await expect(page.getByText('Inga förslag att visa.')).toBeVisible();
	await a.reload();
	await expect(a.getByText('Förslag till kravändring (nytt krav): Godtaget – att föra in')).toBeVisible();
});
