/**
 * The bell: every signed-in person has it in the header, it leads to the notifications page,
 * and that page is accessible and says plainly when there is nothing yet.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { person } from './helpers/accounts.ts';
import { signUp } from './helpers/flows.ts';

test('a new supplier finds the bell in the header and an accessible, empty notifications page', async ({ page }) => {
	await signUp(page, person('Sara Berg', 'bell'), { name: 'Fallsensor AB', kind: 'supplier' });
	const bell = page.getByRole('link', { name: /^aviseringar$/i });
	await expect(bell).toBeVisible();
	await bell.click();
	await expect(page).toHaveURL(/\/notifications$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Aviseringar' })).toBeVisible();
	await expect(page.getByText('Inga aviseringar än.')).toBeVisible();
	await expectAccessible(page, 'notifications');
});

test('the notifications page sends a visitor who is not signed in to the sign-in page', async ({ page }) => {
	await page.goto('/notifications');
	await expect(page).toHaveURL(/\/login/);
});
