/**
 * The foundation journey of issue 2: a process leader signs up and creates an initiative,
 * invites a colleague from a neighbouring municipality and an observer; the two writers edit
 * the brief live and see each other; the observer reads along but cannot change a letter; a
 * supplier's user sees nothing of the initiative.
 */
import { expect, test } from '@playwright/test';
import { person } from './helpers/accounts.ts';
import { expectAccessible } from './helpers/a11y.ts';
import {
	acceptInvitation,
	briefEditor,
	createInitiative,
	inviteFromMembersPage,
	newActor,
	openBrief,
	signUp,
	type Actor
} from './helpers/flows.ts';

test.describe.configure({ mode: 'serial' });

test('a team writes the brief together, an observer reads along and a supplier sees nothing', async ({ browser }) => {
	test.setTimeout(180_000);
	const actors: Actor[] = [];
	try {
		// The process leader signs up with her municipality and starts an initiative.
		const leader = await newActor(browser, person('Anna Processledare', 'anna'));
		actors.push(leader);
		await signUp(leader.page, leader.person, { name: 'Ekby kommun', kind: 'buyer' });
		const title = `Trygg hemgång efter sjukhusvistelse ${Date.now().toString(36)}`;
		const id = await createInitiative(leader.page, title, 'Färre återinläggningar av äldre efter utskrivning.');
		await expect(leader.page.getByRole('heading', { level: 1 })).toContainText(title);

		// She invites a colleague from the neighbouring municipality as team member, and an observer.
		const colleague = await newActor(browser, person('Bo Kollega', 'bo'));
		const observer = await newActor(browser, person('Cecilia Observatör', 'cecilia'));
		actors.push(colleague, observer);
		const teamLink = await inviteFromMembersPage(leader.page, id, colleague.person.email, 'team');
		await expectAccessible(leader.page, 'members page with the invitation');
		const observerLink = await inviteFromMembersPage(leader.page, id, observer.person.email, 'observer');

		// Each signs up with their own municipality, opens the link and accepts.
		await signUp(colleague.page, colleague.person, { name: 'Västby kommun', kind: 'buyer' });
		await colleague.page.goto(new URL(teamLink).pathname);
		await expectAccessible(colleague.page, 'invitation page');
		await acceptInvitation(colleague.page, teamLink);
		await signUp(observer.page, observer.person, { name: 'Region Mellanland', kind: 'buyer' });
		await acceptInvitation(observer.page, observerLink);

		// Both writers open the brief; each sees the other in presence.
		await openBrief(leader.page, id);
		await openBrief(colleague.page, id);
		await expectAccessible(leader.page, 'brief (writer)');
		await expect(leader.page.getByTestId('presence')).toContainText(colleague.person.name);
		await expect(colleague.page.getByTestId('presence')).toContainText(leader.person.name);

		// What one types appears for the other, live.
		const leaderEditor = briefEditor(leader.page);
		await expect(leaderEditor).toHaveAttribute('contenteditable', 'true');
		await leaderEditor.click();
		await leader.page.keyboard.press('Control+End');
		await leader.page.keyboard.press('Control+Alt+2');
		await leader.page.keyboard.type('Bakgrund');
		await leader.page.keyboard.press('Enter');
		await leader.page.keyboard.type('Var femte äldre skrivs in igen inom 30 dagar.');
		await expect(briefEditor(colleague.page)).toContainText('Var femte äldre skrivs in igen inom 30 dagar.');
		await expect(briefEditor(colleague.page).getByRole('heading', { level: 2, name: 'Bakgrund' })).toBeVisible();

		const colleagueEditor = briefEditor(colleague.page);
		await colleagueEditor.click();
		await colleague.page.keyboard.press('Control+End');
		await colleague.page.keyboard.press('Enter');
		await colleague.page.keyboard.type('Västby har samma problem i hemtjänsten.');
		await expect(leaderEditor).toContainText('Västby har samma problem i hemtjänsten.');

		// The toolbar works too: bold through the button, shown as pressed.
		const bold = leader.page.getByRole('button', { name: 'Fet' });
		await leaderEditor.click();
		await leader.page.keyboard.press('Control+End');
		await leader.page.keyboard.press('Enter');
		await bold.click();
		await expect(bold).toHaveAttribute('aria-pressed', 'true');
		await leader.page.keyboard.type('Viktigt');
		await expect(colleagueEditor.locator('strong', { hasText: 'Viktigt' })).toBeVisible();

		// The server's ledger names both writers (the list refreshes a few seconds after changes).
		const contributors = leader.page.getByRole('region', { name: 'Har bidragit till texten' });
		await expect(contributors).toContainText(colleague.person.name, { timeout: 15_000 });
		await expect(contributors).toContainText(leader.person.name);

		// Kept for a human look at the live brief with two writers.
		await test.info().attach('brief-two-writers', {
			body: await leader.page.screenshot({ path: '.build/screenshots/brief-two-writers.png', fullPage: true }),
			contentType: 'image/png'
		});

		// The observer reads everything, but the editor does not take input.
		await openBrief(observer.page, id);
		const observerEditor = briefEditor(observer.page);
		await expect(observerEditor).toContainText('Västby har samma problem i hemtjänsten.');
		await expect(observerEditor).toHaveAttribute('contenteditable', 'false');
		await expect(observerEditor).toHaveAttribute('aria-readonly', 'true');
		await expect(observer.page.getByText('Du kan läsa men inte ändra.')).toBeVisible();
		await expect(observer.page.getByRole('toolbar')).toHaveCount(0);
		await expectAccessible(observer.page, 'brief (observer)');
		const before = await observerEditor.innerText();
		await observerEditor.click();
		await observer.page.keyboard.type('Det här ska inte synas');
		await observer.page.keyboard.press('Enter');
		await expect(observerEditor).not.toContainText('Det här ska inte synas');
		expect(await observerEditor.innerText()).toBe(before);
		// The writers see the observer present, but never the text she tried to type.
		await expect(leader.page.getByTestId('presence')).toContainText(observer.person.name);
		await leader.page.waitForTimeout(500);
		await expect(leaderEditor).not.toContainText('Det här ska inte synas');

		// A supplier's user can use the platform but sees nothing of the initiative.
		const supplier = await newActor(browser, person('Dana Säljare', 'dana'));
		actors.push(supplier);
		await signUp(supplier.page, supplier.person, { name: 'Hemgång Tech AB', kind: 'supplier' });
		for (const path of [`/initiatives/${id}`, `/initiatives/${id}/brief`, `/initiatives/${id}/members`]) {
			const response = await supplier.page.goto(path);
			expect(response?.status(), `${path} for a supplier`).toBe(404);
			await expect(supplier.page.getByText(title)).toHaveCount(0);
		}
		await supplier.page.goto('/initiatives');
		await expect(supplier.page.getByText(title)).toHaveCount(0);
		await expect(supplier.page.locator(`a[href*="/initiatives/"]`)).toHaveCount(0);
		const api = await supplier.page.request.get(`/api/v1/initiatives/${id}`);
		expect(api.status()).toBe(404);
	} finally {
		for (const a of actors) await a.context.close();
	}
});

test('a role change reaches an open brief within seconds, and removal takes the text away', async ({ browser }) => {
	test.setTimeout(120_000);
	const leader = await newActor(browser, person('Greta Processledare', 'greta'));
	const member = await newActor(browser, person('Hassan Teammedlem', 'hassan'));
	try {
		await signUp(leader.page, leader.person, { name: 'Sjöby kommun', kind: 'buyer' });
		const id = await createInitiative(leader.page, 'Läxhjälp på distans', 'Behörighetsändringar under pågående arbete.');
		const link = await inviteFromMembersPage(leader.page, id, member.person.email, 'team');
		await signUp(member.page, member.person, { name: 'Åsby kommun', kind: 'buyer' });
		await acceptInvitation(member.page, link);

		await openBrief(member.page, id);
		const editor = briefEditor(member.page);
		await expect(editor).toHaveAttribute('contenteditable', 'true');
		await editor.click();
		await member.page.keyboard.type('Skrivet som teammedlem.');

		// The process leader makes him an observer: his open editor turns read-only by itself.
		await leader.page.goto(`/initiatives/${id}/members`);
		await leader.page.getByLabel(`Roll för ${member.person.name}`).selectOption({ label: 'Observatör' });
		await leader.page.getByRole('button', { name: `Spara ${member.person.name}` }).click();
		await expect(editor).toHaveAttribute('contenteditable', 'false', { timeout: 5_000 });
		await expect(member.page.getByText('Du kan läsa men inte ändra.')).toBeVisible();
		await expect(member.page.getByTestId('connection-status')).toHaveText(/ansluten/i, { timeout: 10_000 });
		await expect(editor).toContainText('Skrivet som teammedlem.');
		await member.page.keyboard.type(' Det här kommer inte med.');
		await expect(editor).not.toContainText('Det här kommer inte med.');

		// Removed from the initiative: the text disappears from his screen.
		leader.page.once('dialog', (d) => void d.accept());
		await leader.page.getByRole('button', { name: `Ta bort ${member.person.name}` }).click();
		await expect(member.page.getByText('Skrivet som teammedlem.')).toHaveCount(0, { timeout: 5_000 });
		await expect(briefEditor(member.page)).toHaveCount(0);
	} finally {
		await leader.context.close();
		await member.context.close();
	}
});
