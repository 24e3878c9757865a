/**
 * Joint buyers by consent: a process leader invites a neighbouring municipality by its
 * organisation number; the invitation waits on the initiative's page until the neighbour's
 * administrator accepts it on their organisation page.
 */
import { expect, test } from '@playwright/test';
import { person } from './helpers/accounts.ts';
import { createInitiative, newActor, signUp } from './helpers/flows.ts';
import { expectAccessible } from './helpers/a11y.ts';

test('a neighbouring municipality becomes co-owner only when its administrator accepts', async ({ browser }) => {
	const suffix = Date.now().toString(36);
	const leader = await newActor(browser, person('Anna Ledare', 'anna'));
	const neighbour = await newActor(browser, person('Nils Granne', 'nils'));
	const neighbourOrg = `Grannby kommun ${suffix}`;
	await signUp(leader.page, leader.person, { name: `Sjöstad ${suffix}`, kind: 'buyer' });
	await signUp(neighbour.page, neighbour.person, { name: neighbourOrg, kind: 'buyer' });

	await neighbour.page.goto('/organisation');
	const orgNumber = (await neighbour.page.locator('dt', { hasText: 'Organisationsnummer' }).locator('+ dd').textContent())!.trim();
	await expect(neighbour.page.getByText('Inga inbjudningar att äga initiativ väntar på svar.')).toBeVisible();

	const title = `Gemensamt larm ${suffix}`;
	const id = await createInitiative(leader.page, title, 'Tillsammans med grannkommunen.');
	await leader.page.goto(`/initiatives/${id}`);
	// Forms are enhanced once the page's script has run: fill them after that, not during hydration.
	await leader.page.waitForLoadState('networkidle');
	await leader.page.getByLabel(/^Organisationsnummer/).fill(orgNumber);
	await leader.page.getByRole('button', { name: 'Bjud in', exact: true }).click();
	await expect(leader.page.getByText(`${neighbourOrg} är inbjuden. Organisationen blir ägare när en administratör där tackar ja.`)).toBeVisible();
	await expect(leader.page.getByText(`${neighbourOrg} (väntar på svar)`)).toBeVisible();
	await expectAccessible(leader.page, 'initiative with a pending co-owner');

	await neighbour.page.goto('/organisation');
	await neighbour.page.waitForLoadState('networkidle');
	const invitation = neighbour.page.getByRole('listitem').filter({ has: neighbour.page.getByRole('heading', { name: title }) });
	await expect(invitation).toContainText('Inbjudan från Anna Ledare');
	await expectAccessible(neighbour.page, 'organisation page with an invitation');
	await invitation.getByRole('button', { name: 'Tacka ja' }).click();
	await expect(neighbour.page.getByText('Ni äger nu initiativet tillsammans med de andra organisationerna.')).toBeVisible();
	await expect(neighbour.page.getByRole('heading', { name: title })).toHaveCount(0);

	await leader.page.reload();
	await expect(leader.page.getByText(`${neighbourOrg} (väntar på svar)`)).toHaveCount(0);
	await expect(leader.page.locator('dd li', { hasText: neighbourOrg })).toBeVisible();

	await leader.context.close();
	await neighbour.context.close();
});
