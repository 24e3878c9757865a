/**
 * Text that cannot be stored, typed into a real form: an invisible control character pasted into
 * a title is refused with a message the person can act on, in an accessible error page, and
 * nothing is created; emoji and right-to-left text are ordinary text and are saved as typed.
 */
import { expect, test } from '@playwright/test';
import { person } from './helpers/accounts.ts';
import { expectAccessible } from './helpers/a11y.ts';
import { createInitiative, newActor, signUp } from './helpers/flows.ts';

test('a title with a control character is refused and nothing is created; emoji and right-to-left text are saved', async ({ browser }) => {
	test.setTimeout(120_000);
	const leader = await newActor(browser, person('Åsa Textprövare', 'asa'));
	try {
		await signUp(leader.page, leader.person, { name: 'Sjöby kommun', kind: 'buyer' });
		const page = leader.page;
		const stamp = Date.now().toString(36);

		await page.goto('/initiatives');
		await page.getByRole('button', { name: /starta ett nytt initiativ/i }).click();
		await page.getByLabel(/^titel/i).fill(`Styrtecken\u0001 ${stamp}`);
		await page.getByRole('button', { name: /skapa initiativet/i }).click();
		await expect(page.getByText(/osynliga styrtecken/i)).toBeVisible();
		await expectAccessible(page, 'refused form post');
		await page.goto('/initiatives');
		await expect(page.getByText(`Styrtecken`, { exact: false })).toHaveCount(0);

		const title = `Torra golv 👩‍🔧 \u200Fמים\u200E Cafe\u0301 ${stamp}`;
		await createInitiative(page, title, 'Rad ett.\nRad två.');
		await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
	} finally {
		await leader.context.close();
	}
});
