/**
 * Steps the journeys share, done the way a person does them: through the pages, finding
 * fields by their Swedish labels and buttons by their names.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { orgNumber, type Person } from './accounts.ts';

export interface Actor {
	context: BrowserContext;
	page: Page;
	person: Person;
}

/** A fresh browser context (its own cookies), i.e. another person at another computer. */
export async function newActor(browser: Browser, person: Person): Promise<Actor> {
	const context = await browser.newContext();
	const page = await context.newPage();
	return { context, page, person };
}

/** Signs up on `/signup` with a new organisation of the given kind; ends signed in. */
export async function signUp(page: Page, person: Person, org: { name: string; kind: 'buyer' | 'supplier' }): Promise<void> {
	await page.goto('/signup');
	await page.getByLabel(/^(ditt )?namn/i).first().fill(person.name);
	await page.getByLabel(/e-post/i).first().fill(person.email);
	await page.getByLabel(/lösenord/i).first().fill(person.password);
	await page.getByLabel(/organisationens namn|organisation.*namn/i).fill(org.name);
	await page
		.getByRole('radio', { name: org.kind === 'buyer' ? /kommun|region|upphandlande/i : /företag|leverantör/i })
		.check();
	await page.getByLabel(/organisationsnummer/i).fill(orgNumber(org.kind));
	await page.getByRole('button', { name: /skapa konto/i }).click();
	await expect(page).not.toHaveURL(/\/signup/);
	await expect(page.getByRole('button', { name: /logga ut/i })).toBeVisible();
}

/** Signs in through the login form. */
export async function logIn(page: Page, person: Person): Promise<void> {
	await page.goto('/login');
	await page.getByLabel(/e-post/i).first().fill(person.email);
	await page.getByLabel(/lösenord/i).first().fill(person.password);
	await page.getByRole('main').getByRole('button', { name: /^logga in$/i }).click();
	await expect(page.getByRole('button', { name: /logga ut/i })).toBeVisible();
}

/** Creates an initiative on `/initiatives`; returns its id (from the URL it lands on). */
export async function createInitiative(page: Page, title: string, description: string): Promise<string> {
	await page.goto('/initiatives');
	await page.getByRole('button', { name: /starta ett nytt initiativ/i }).click();
	await page.getByLabel(/^titel/i).fill(title);
	await page.getByLabel(/^beskrivning/i).fill(description);
	await page.getByRole('button', { name: /skapa initiativet/i }).click();
	await page.waitForURL(/\/initiatives\/[0-9a-f-]{36}/);
	const id = /\/initiatives\/([0-9a-f-]{36})/.exec(page.url())?.[1];
	expect(id).toBeTruthy();
	return id!;
}

const ROLE_NAMES = { team: 'Teammedlem', observer: 'Observatör', process_leader: 'Processledare' } as const;

/**
 * Invites someone from the members page and returns the invitation link the page shows
 * afterwards (the inviter can copy it; the same link is also mailed).
 */
export async function inviteFromMembersPage(
	page: Page,
	initiativeId: string,
	email: string,
	role: keyof typeof ROLE_NAMES
): Promise<string> {
	await page.goto(`/initiatives/${initiativeId}/members`);
	await page.getByRole('button', { name: /^bjud in$/i }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toBeVisible();
	await dialog.getByLabel('E-postadress').fill(email);
	await dialog.getByLabel('Roll', { exact: true }).selectOption({ label: ROLE_NAMES[role] });
	await dialog.getByRole('button', { name: /skicka inbjudan/i }).click();
	await expect(dialog).toBeHidden();
	const field = page.getByLabel(/inbjudningslänk/i);
	await expect(field).toHaveValue(/\/invitations\/[A-Za-z0-9_-]+$/);
	return field.inputValue();
}

/** Opens an invitation link while signed in as the invited person and accepts it. */
export async function acceptInvitation(page: Page, inviteUrl: string): Promise<void> {
	await page.goto(new URL(inviteUrl).pathname);
	await page.getByRole('button', { name: /tacka ja/i }).click();
	await page.waitForURL(/\/initiatives\/[0-9a-f-]{36}/);
}

/** Signs in as a demo persona with one click on the login page. */
export async function demoLogIn(page: Page, who: RegExp): Promise<void> {
	await page.goto('/login');
	await page.getByRole('button', { name: who }).click();
	await expect(page.getByRole('button', { name: /logga ut/i })).toBeVisible();
}

/** The brief's editable area. */
export function briefEditor(page: Page) {
	return page.getByRole('textbox', { name: /projektdirektiv/i });
}

/** Opens the brief and waits until the live document has synced. */
export async function openBrief(page: Page, initiativeId: string): Promise<void> {
	await page.goto(`/initiatives/${initiativeId}/brief`);
	await expect(page.getByTestId('connection-status')).toHaveText(/ansluten/i, { timeout: 15_000 });
}
