/**
 * A two-room innovation sprint through all five stages, in real Chromium: the process leader sets
 * up the sprint and starts each stage in both rooms at once (shortened timers); supplier A works
 * every stage on its live board with the keyboard (journey map, "How might we" notes in the room's
 * workshop — silent until the leader reveals, clustered and voted on with the workshop engine — crazy 8s, a
 * solution sketch, the art museum with dots and the decider's supervote, the storyboard, the
 * prototype, a test session); supplier B's room follows every stage and never shows A's content;
 * an end user joins the test session on a phone viewport, consents, and the pattern grid fills in.
 * The buyer sees the gallery by letter. Axe passes on every board and page.
 */
import { devices, expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './helpers/a11y.ts';
import { person } from './helpers/accounts.ts';
import { createInitiative, newActor, signUp } from './helpers/flows.ts';

/** A JSON call from the page (same origin, the page's own session). */
async function api<T = Record<string, unknown>>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
	return page.evaluate(
		async ({ method, path, body }) => {
			const res = await fetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
			return { status: res.status, body: await res.json().catch(() => null) };
		},
		{ method, path, body }
	);
}

async function startStage(page: Page, sprintId: string, stage: string) {
	const res = await api(page, 'POST', `/api/v1/sprints/${sprintId}/stage`, { stage, timerSeconds: 30 });
	expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** The board shows the stage in its tab bar and as the running stage. */
async function expectStage(page: Page, label: RegExp) {
	await expect(page.getByTestId('running-stage')).toContainText(label);
	await expect(page.getByRole('tab', { name: label })).toHaveAttribute('aria-selected', 'true');
}

test('a leader runs a two-room sprint through all five stages; an end user tests on a phone', async ({ browser, page }) => {
	test.setTimeout(240_000);
	const leader = person('Maria Lind', 'sprint-leader');
	await signUp(page, leader, { name: 'Ystads kommun', kind: 'buyer' });
	const initiativeId = await createInitiative(page, 'Trygg hemgång', 'Äldre ska kunna åka hem från sjukhuset utan väntan.');

	const alfa = await newActor(browser, person('Anna Alfa', 'sprint-alfa'));
	await signUp(alfa.page, alfa.person, { name: 'Alfahem AB', kind: 'supplier' });
	const beta = await newActor(browser, person('Bo Beta', 'sprint-beta'));
	await signUp(beta.page, beta.person, { name: 'Betavård AB', kind: 'supplier' });
	const alfaMe = (await api<{ user: { id: string }; organisation: { id: string } }>(alfa.page, 'GET', '/api/v1/me')).body;
	const betaMe = (await api<{ user: { id: string }; organisation: { id: string } }>(beta.page, 'GET', '/api/v1/me')).body;

	const created = await api<{ id: string }>(page, 'POST', `/api/v1/initiatives/${initiativeId}/sprints`, {
		title: 'Hemgångssprinten',
		template: 'design_sprint_5',
		goal: 'Ingen ska vänta på hemgång',
		questions: ['Litar personalen på planen?', 'Förstår den äldre vad som händer?']
	});
	expect(created.status).toBe(201);
	const sprintId = created.body.id;
	const roomA = (await api<{ roomId: string }>(page, 'POST', `/api/v1/sprints/${sprintId}/rooms`, { organisationId: alfaMe.organisation.id })).body.roomId;
	const roomB = (await api<{ roomId: string }>(page, 'POST', `/api/v1/sprints/${sprintId}/rooms`, { organisationId: betaMe.organisation.id })).body.roomId;
	expect((await api(page, 'PATCH', `/api/v1/sprint-rooms/${roomA}`, { deciderUserId: alfaMe.user.id })).status).toBe(200);
	await alfa.page.goto(`/sprints/${roomA}`);
	expect((await api(alfa.page, 'POST', `/api/v1/sprint-rooms/${roomA}/terms`, { accept: true })).status).toBe(200);
	await beta.page.goto(`/sprints/${roomB}`);
	expect((await api(beta.page, 'POST', `/api/v1/sprint-rooms/${roomB}/terms`, { accept: true })).status).toBe(200);

	const a = alfa.page;
	const b = beta.page;
	for (const p of [a, b]) {
		await p.goto(`/sprints/${p === a ? roomA : roomB}`);
		await p.waitForLoadState('networkidle');
		await expect(p.getByTestId('stage-board')).toBeVisible();
	}

	// ——— Map ———
	await startStage(page, sprintId, 'map');
	await expectStage(a, /kartlägg/i);
	await expectStage(b, /kartlägg/i);
	await expect(a.getByRole('timer')).toBeVisible();
	await a.getByLabel('Ny aktör (en rad på kartan)').fill('Patienten');
	await a.getByLabel('Ny aktör (en rad på kartan)').press('Enter');
	await a.getByLabel('Nytt steg för Patienten').fill('Skrivs ut');
	await a.getByLabel('Nytt steg för Patienten').press('Enter');
	await a.getByRole('button', { name: 'Välj Skrivs ut som mål' }).focus();
	await a.keyboard.press('Enter');
	await expect(a.getByText('Sprintens mål', { exact: true })).toBeVisible();
	// "How might we": the room's own workshop on the workshop engine. Alfa writes in silence…
	const notes = ['HSV-ALFA larma hemtjänsten i tid?', 'HSV-ALFA visa planen för den äldre?'];
	const hmw = a.getByLabel('Ny lapp: Hur skulle vi kunna …');
	for (const text of notes) {
		await hmw.fill(text);
		await hmw.press('Enter');
		await expect(a.getByTestId('hmw-mine')).toContainText(text);
	}
	await expect(a.getByTestId('hmw-mine').getByText('Bara du ser det')).toHaveCount(2);
	await expectAccessible(a, 'map board');
	// …and the leader facilitates in the room with the keyboard: reveal all at once, cluster, open the vote.
	await page.goto(`/sprints/${roomA}`);
	await page.waitForLoadState('networkidle');
	await expectStage(page, /kartlägg/i);
	const reveal = page.getByRole('button', { name: 'Visa alla kort (2 dolda)' });
	await reveal.focus();
	await page.keyboard.press('Enter');
	await page.getByRole('button', { name: 'Gruppera', exact: true }).focus();
	await page.keyboard.press('Enter');
	for (const text of notes) {
		const card = page.getByRole('checkbox', { name: `Markera kort: ${text}` });
		await card.focus();
		await page.keyboard.press('Space');
	}
	await page.getByLabel('Ny grupp', { exact: true }).fill('Information');
	await page.getByLabel('Ny grupp', { exact: true }).press('Enter');
	await expect(page.getByRole('heading', { name: /Information/ })).toBeVisible();
	await expectAccessible(page, 'map board (facilitator)');
	await page.getByRole('button', { name: 'Rösta', exact: true }).focus();
	await page.keyboard.press('Enter');
	// Alfa votes from the keyboard, within the budget the server keeps.
	const vote = a.getByRole('button', { name: `Rösta på ${notes[0]}` });
	await vote.focus();
	await a.keyboard.press('Enter');
	await expect(a.getByText('Röster kvar: 2 av 3')).toBeVisible();
	await expectAccessible(a, 'map board (vote)');
	await expect(b.getByText(/HSV-ALFA/)).toHaveCount(0);

	// ——— Sketch ———
	await startStage(page, sprintId, 'sketch');
	await expectStage(a, /skissa/i);
	await expectStage(b, /skissa/i);
	await a.getByRole('button', { name: 'Starta åtta minuter' }).click();
	await a.getByTestId('crazy8').getByLabel('Ruta 1', { exact: true }).fill('Sms till anhörig');
	await a.getByLabel('Skissens titel').fill('Hemgångskompassen');
	await a.getByLabel('Skissruta 1').fill('Planen syns på sjukhuset');
	await a.getByLabel('Skissruta 2').fill('Hemtjänsten får larm');
	await a.getByLabel('Skissruta 3').fill('Den äldre kommer hem');
	await a.getByRole('button', { name: 'Häng i konstmuseet' }).click();
	await expect(a.getByText('Din skiss hänger i konstmuseet, utan ditt namn.').first()).toBeVisible();
	await expectAccessible(a, 'sketch board');

	// ——— Decide ———
	await startStage(page, sprintId, 'decide');
	await expectStage(a, /besluta/i);
	await expectStage(b, /besluta/i);
	const museum = a.getByTestId('museum');
	await expect(museum.getByRole('heading', { name: /Hemgångskompassen/ })).toBeVisible();
	await expect(museum).not.toContainText('Anna Alfa');
	await a.getByRole('button', { name: 'Sätt prick på Hemgångskompassen' }).click();
	await expect(museum.getByTestId('heat').first()).toHaveText('1 prickar');
	await a.getByLabel('Snabbkritik av Hemgångskompassen').fill('Tydligt för den äldre');
	await a.getByLabel('Snabbkritik av Hemgångskompassen').press('Enter');
	await expect(museum.getByText('Tydligt för den äldre')).toBeVisible();
	await a.getByRole('button', { name: 'Lägg superrösten på Hemgångskompassen' }).click();
	await expect(museum.getByText('Beslutsfattarens superröst')).toBeVisible();
	for (let i = 1; i <= 10; i++) {
		await a.getByLabel('Ny ruta').fill(`Steg ${i} i berättelsen`);
		await a.getByLabel('Ny ruta').press('Enter');
	}
	await expect(a.getByTestId('storyboard').getByRole('listitem')).toHaveCount(10);
	await expectAccessible(a, 'decide board');
	await expect(b.getByTestId('museum')).not.toContainText('Hemgångskompassen');

	// The buyer gallery: rooms by letter, no supplier names.
	await page.goto(`/initiatives/${initiativeId}/sprints/${sprintId}/gallery`);
	await expect(page.getByRole('heading', { name: 'Rum A' })).toBeVisible();
	await expect(page.getByRole('main')).not.toContainText('Alfahem');
	await expectAccessible(page, 'gallery');

	// ——— Prototype ———
	await startStage(page, sprintId, 'prototype');
	await expectStage(a, /prototyp/i);
	await expectStage(b, /prototyp/i);
	await expect(a.getByRole('textbox', { name: 'Intervjumanus' })).toHaveValue(/Litar personalen på planen\?/);
	await a.getByLabel('Länk till prototypen').fill('https://exempel.se/kompassen');
	await a.getByLabel('Bildtext').fill('Klickbar prototyp');
	await a.getByRole('button', { name: 'Lägg till', exact: true }).click();
	await expect(a.getByTestId('proto-links').getByRole('link', { name: 'Klickbar prototyp' })).toBeVisible();
	// A file on the Prototype board: uploaded through the files service (purpose sprint_board, owner = the room).
	await a.getByLabel('eller en fil').setInputFiles({ name: 'prototyp.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
	await a.getByLabel('Bildtext').fill('Prototypens skärmbilder');
	await a.getByRole('button', { name: 'Lägg till', exact: true }).click();
	const protoFile = a.getByTestId('proto-links').getByRole('link', { name: 'Prototypens skärmbilder' });
	await expect(protoFile).toHaveAttribute('href', /^\/api\/v1\/files\/[0-9a-f-]{36}$/);
	const protoHref = (await protoFile.getAttribute('href'))!;
	expect((await a.request.get(protoHref)).status()).toBe(200);
	expect((await b.request.get(protoHref)).status()).toBe(404);
	await expect(b.getByTestId('proto-links')).not.toContainText('Prototypens skärmbilder');
	await a.getByLabel('Ny punkt').fill('Testa på surfplatta');
	await a.getByLabel('Ny punkt').press('Enter');
	await a.getByRole('checkbox', { name: 'Testa på surfplatta' }).check();
	await expectAccessible(a, 'prototype board');

	// ——— Test ———
	await startStage(page, sprintId, 'test');
	await expectStage(a, /testa/i);
	await expectStage(b, /testa/i);
	await a.getByRole('button', { name: 'Öppna testsession' }).click();
	const code = (await a.getByTestId('session-code').first().innerText()).trim();
	expect(code).toMatch(/^[A-Z0-9]{6}$/);

	const phone = await browser.newContext({ ...devices['Pixel 7'], locale: 'sv-SE' });
	const endUser = await phone.newPage();
	await endUser.goto('/join');
	await endUser.waitForLoadState('networkidle');
	await endUser.getByLabel(/kod/i).first().fill(code);
	await endUser.getByLabel(/namn/i).first().fill('Greta');
	await endUser.getByRole('button', { name: /gå med|delta/i }).click();
	await expect(endUser).toHaveURL(/\/t\/[0-9a-f-]{36}$/);
	await expect(endUser.getByRole('heading', { name: 'Innan vi börjar' })).toBeVisible();
	await expectAccessible(endUser, 'test session (phone)');
	await endUser.getByRole('button', { name: 'Jag samtycker' }).click();
	await expect(endUser.getByRole('link', { name: 'Klickbar prototyp' })).toBeVisible();

	await expect(a.getByTestId('interviewees')).toContainText('Greta');
	await a.getByLabel('Storyboardruta').selectOption({ label: 'Ruta 2: Steg 2 i berättelsen' });
	await a.getByRole('radio', { name: 'positiv' }).check();
	await a.getByLabel('Vad hände?').fill('Förstod larmet direkt');
	await a.getByRole('button', { name: 'Spara anteckning' }).click();
	const grid = a.getByTestId('pattern-grid');
	await expect(grid.getByRole('row', { name: /Greta/ })).toContainText('1 positiva, 0 negativa, 0 neutrala');
	await a.getByRole('radio', { name: 'Ja' }).first().check();
	await expectAccessible(a, 'test board');
	await expect(b.getByText('Greta')).toHaveCount(0);

	await phone.close();
	await alfa.context.close();
	await beta.context.close();
});
