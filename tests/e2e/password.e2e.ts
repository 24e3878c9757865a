/**
 * A lost password, as people meet it: somebody asks for a link on the sign-in page (the e2e
 * server has no mail server, so the page tells them to ask their administrator); the platform
 * administrator makes a link on the admin page and hands it over; the person chooses a new
 * password and signs in with it. Then the administrator disables the account and the person is
 * signed out. Every page passes axe.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { person } from './helpers/accounts.ts';
import { PLATFORM_ADMIN } from './helpers/admin.ts';
import { logIn, newActor, signUp } from './helpers/flows.ts';

test('a colleague who lost their password gets a link from the administrator, sets a new one, and can later be disabled', async ({ browser }) => {
	test.setTimeout(120_000);
	const karin = await newActor(browser, person('Karin Lostpassword', 'karin'));
	await signUp(karin.page, karin.person, { name: 'Skurups kommun', kind: 'buyer' });
	await karin.page.getByRole('button', { name: /logga ut/i }).click();
	await expect(karin.page).toHaveURL(/\/login/);

	// She asks for a link herself: the answer does not say whether the account exists.
	await karin.page.getByRole('link', { name: /glömt lösenordet/i }).click();
	await expect(karin.page.getByRole('heading', { level: 1, name: /välj ett nytt lösenord/i })).toBeVisible();
	await expectAccessible(karin.page, 'password reset request');
	await karin.page.getByRole('button', { name: /skicka länk/i }).click();
	await expect(karin.page.getByRole('alert')).toContainText(/e-post/i);
	await karin.page.getByLabel(/e-post/i).fill(karin.person.email);
	await karin.page.getByRole('button', { name: /skicka länk/i }).click();
	await expect(karin.page.getByRole('status')).toContainText(/om det finns ett konto/i);
	await expect(karin.page.getByRole('status')).toContainText(/administr/i);
	await expectAccessible(karin.page, 'password reset requested');

	// The platform administrator (the first real account, never a demo persona) makes a link for her.
	const admin = await newActor(browser, PLATFORM_ADMIN);
	await logIn(admin.page, PLATFORM_ADMIN);
	await admin.page.goto('/admin');
	await expect(admin.page.getByRole('heading', { level: 2, name: /^användare$/i })).toBeVisible();
	await admin.page.getByRole('button', { name: `Skapa länk för nytt lösenord åt ${karin.person.name}` }).click();
	const linkField = admin.page.getByLabel(/länk för nytt lösenord/i);
	await expect(linkField).toHaveValue(/\/password-reset\/[A-Za-z0-9_-]{43}$/);
	const link = await linkField.inputValue();
	await expectAccessible(admin.page, 'admin with a new-password link');
	// The request without a mail server is in the outbox, without any link.
	await expect(admin.page.getByRole('cell', { name: karin.person.email }).first()).toBeVisible();

	// Karin uses it: a mismatch is explained, then the new password works and the old does not.
	await karin.page.goto(new URL(link).pathname);
	await expect(karin.page.getByRole('heading', { level: 1, name: /nytt lösenord/i })).toBeVisible();
	await expect(karin.page.getByText(/Karin Lostpassword, Skurups kommun/)).toBeVisible();
	await expectAccessible(karin.page, 'choose a new password');
	const fresh = 'Grön-eka-på-Vättern-vid-midsommar';
	await karin.page.getByLabel(/^nytt lösenord/i).fill(fresh);
	await karin.page.getByLabel(/en gång till/i).fill(fresh + 'x');
	await karin.page.getByRole('button', { name: /spara nytt lösenord/i }).click();
	await expect(karin.page.getByText(/lösenorden är inte likadana/i).first()).toBeVisible();
	await expectAccessible(karin.page, 'new password with an error');
	await karin.page.getByLabel(/^nytt lösenord/i).fill(fresh);
	await karin.page.getByLabel(/en gång till/i).fill(fresh);
	await karin.page.getByRole('button', { name: /spara nytt lösenord/i }).click();
	await expect(karin.page).toHaveURL(/\/login\?passwordReset/);
	await expect(karin.page.getByRole('status')).toContainText(/nya lösenord är sparat/i);
	await logIn(karin.page, { ...karin.person, password: fresh });

	// The link is spent.
	const again = await karin.page.context().newPage();
	await again.goto(new URL(link).pathname);
	await expect(again.getByRole('alert')).toContainText(/gäller inte längre/i);
	await again.close();

	// The administrator disables her account: her next page load is the sign-in page.
	await admin.page.goto('/admin');
	await admin.page.getByRole('button', { name: `Stäng av kontot för ${karin.person.name}` }).click();
	await expect(admin.page.getByText(`Kontot för ${karin.person.name} är avstängt`)).toBeVisible();
	await expect(admin.page.getByRole('button', { name: `Aktivera kontot för ${karin.person.name}` })).toBeVisible();
	await karin.page.goto('/initiatives');
	await expect(karin.page).toHaveURL(/\/login/);

	await karin.context.close();
	await admin.context.close();
});
