/**
 * The buyer team's tender pages through the real server, with the server's clock injected: the
 * pages call the same commands and queries as the API and refuse the same things. A refused "new
 * round" form keeps its input; before the opening the round's page is sealed — no tender, no
 * count, no receipt, for anyone — and suppliers and platform administrators never see the team's
 * page; a barred organisation's case is lifted with two approvals; two named openers open; the
 * tenders appear only after the reader's declaration; scores make the ranking; the award starts the
 * standstill, counted down from the server's clock, and the contract waits for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { platformAdmin } from './requirements.helpers.ts';
import { ManualClock } from '../../src/lib/server/clock.ts';
import { sha256Hex } from '../../src/lib/server/requirements/versions.ts';
import { auditLog, docLedger, memberships, requirementVersions, tenderConflictCases, tenders } from '../../src/lib/server/db/schema/index.ts';

const clock = new ManualClock('2027-03-01T09:00:00Z');
/** 13:00 Swedish (winter) time = 12:00 UTC. */
const DEADLINE_LOCAL = '2027-03-20T13:00';
const DEADLINE = '2027-03-20T12:00:00.000Z';
const CANARY = 'KANARIE-SIDOR-B-52c19e';

let server: TestServer;
let leader: TestUser;
let officer: TestUser;
let observer: TestUser;
let admin: TestUser;
let expertA: TestUser;
let b1: TestUser;
let orgA: { id: string };
let initiativeId: string;
let tenderId: string;
let page: string;
let receiptB: { id: string; sha256: string };

function as(user: TestUser): Client {
	const c = new Client(server.url);
	const [name, value] = user.cookie.split('=');
	c.setCookie(name, value);
	return c;
}

/** Posts a page form the way a browser without scripts does. */
function submit(user: TestUser, path: string, fields: Array<[string, string]>) {
	return as(user).request('POST', path, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
}
const html = async (user: TestUser, path: string) => {
	const res = await as(user).get(path);
	return { status: res.status, text: await res.text() };
};
const journalled = async (action: string) =>
	(await server.app.db.select().from(auditLog).where(and(eq(auditLog.initiativeId, initiativeId), eq(auditLog.action, action)))).length;

const requirement = (id: string, uid: string, text: string) => ({ id, uid, kind: 'function', obligation: 'ska', text, rationale: '', needIds: [], verification: '', section: null });

beforeAll(async () => {
	server = await startTestServer({ JOBS_INTERVAL_SECONDS: '3600' }, { clock });
	const app = server.app;
	const buyer = await makeOrganisation(app, 'buyer', 'Sjöstads kommun');
	leader = await makeUser(app, { organisationId: buyer.id, name: 'Maria Lind' });
	officer = await makeUser(app, { organisationId: buyer.id, name: 'Olle Upphandlare' });
	observer = await makeUser(app, { organisationId: buyer.id, name: 'Eva Observatör' });
	admin = await platformAdmin(app);
	initiativeId = (await makeInitiative(app, leader, 'Fallprevention i hemtjänsten')).id;
	await addMember(app, initiativeId, officer.id, 'team');
	await app.db.update(memberships).set({ label: 'procurement_officer' }).where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, officer.id)));
	await addMember(app, initiativeId, observer.id, 'observer');
	const a = await makeOrganisation(app, 'supplier', 'Alfasensor AB');
	orgA = { id: a.id };
	expertA = await makeUser(app, { organisationId: a.id, name: 'Anna Alfa' });
	await addMember(app, initiativeId, expertA.id, 'team');
	await app.db.insert(docLedger).values({ docName: `requirements.${initiativeId}`, userId: expertA.id, organisationId: a.id, bytes: 120 });
	const b = await makeOrganisation(app, 'supplier', 'Betavård AB');
	b1 = await makeUser(app, { organisationId: b.id, name: 'Bengt Beta' });
	const content = JSON.stringify({
		initiativeId,
		version: 1,
		publishedAt: '2027-02-20T10:00:00.000Z',
		publishedBy: { id: leader.id, name: 'Maria Lind' },
		note: null,
		sections: [],
		requirements: [requirement('K1', 'uid-k1', 'Larmet ska nå personalen inom 30 sekunder.')]
	});
	await app.db.insert(requirementVersions).values({ initiativeId, version: 1, content, sha256: sha256Hex(content), publishedBy: leader.id, publishedByName: 'Maria Lind', publishedAt: '2027-02-20T10:00:00.000Z' });
});
afterAll(async () => {
	await server?.stop();
});

const createFields = (openers: string[], title = 'Sensorer som förebygger fall'): Array<[string, string]> => [
	['title', title],
	['requirementsVersion', '1'],
	['deadline', DEADLINE_LOCAL],
	...openers.map((id): [string, string] => ['openers', id]),
	['c_name', 'Pris'],
	['c_weight', '40'],
	['c_kind', 'price'],
	['c_name', 'Kvalitet'],
	['c_weight', '60'],
	['c_kind', 'quality'],
	['c_req_1', 'uid-k1']
];

describe('the list of tender rounds and the new round form', () => {
	it('offers the published requirements versions and the buyer team as openers, never a supplier', async () => {
		const { status, text } = await html(leader, `/initiatives/${initiativeId}/tenders`);
		expect(status).toBe(200);
		expect(text).toContain('Version 1 (1 krav)');
		expect(text).toContain('Maria Lind');
		expect(text).toContain('Olle Upphandlare');
		expect(text).not.toContain('Anna Alfa');
		expect(text).not.toContain('Eva Observatör');
	});

	it('is not there for suppliers, the supplier expert on the team, or a platform administrator outside it', async () => {
		for (const u of [b1, expertA, admin]) expect((await as(u).get(`/initiatives/${initiativeId}/tenders`)).status).toBe(404);
	});

	it('refuses one opener in Swedish and keeps what was typed', async () => {
		const res = await submit(leader, `/initiatives/${initiativeId}/tenders?/create`, createFields([leader.id], 'Mitt utkast 8d2'));
		expect(res.status).toBe(400);
		const text = await res.text();
		expect(text).toContain('Ange minst två förrättare för anbudsöppningen.');
		expect(text).toContain('value="Mitt utkast 8d2"');
		expect(text).toContain(DEADLINE_LOCAL);
		expect(await journalled('tender.created')).toBe(0);
	});

	it('refuses a deadline in the past beside the deadline field', async () => {
		const fields = createFields([leader.id, officer.id]).map(([k, v]): [string, string] => [k, k === 'deadline' ? '2027-02-01T10:00' : v]);
		const res = await submit(leader, `/initiatives/${initiativeId}/tenders?/create`, fields);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Sista anbudsdag måste ligga i framtiden.');
	});

	it('refuses an observer', async () => {
		expect((await submit(observer, `/initiatives/${initiativeId}/tenders?/create`, createFields([leader.id, officer.id]))).status).toBe(403);
	});

	it('creates the draft round, in Swedish time, and goes to its page', async () => {
		const res = await submit(leader, `/initiatives/${initiativeId}/tenders?/create`, createFields([leader.id, officer.id]));
		expect(res.status).toBe(303);
		const location = res.headers.get('location') ?? '';
		expect(location).toMatch(new RegExp(`^/initiatives/${initiativeId}/tenders/[0-9a-f-]{36}$`));
		tenderId = location.split('/').pop()!;
		page = location;
		const [row] = await server.app.db.select().from(tenders).where(eq(tenders.id, tenderId));
		expect(row.deadline.toISOString()).toBe(DEADLINE);
		expect(row.openers).toEqual([leader.id, officer.id]);
		expect(row.criteria.map((c) => [c.name, c.weight, c.kind, c.requirementIds])).toEqual([
			['Pris', 40, 'price', []],
			['Kvalitet', 60, 'quality', ['uid-k1']]
		]);
		expect(await journalled('tender.created')).toBe(1);
	});

	it('publishes the round to every registered supplier from its page', async () => {
		const refused = await submit(leader, `${page}?/publish`, [['audience', 'open']]);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Bekräfta att du vill publicera upphandlingen.');
		expect((await submit(observer, `${page}?/publish`, [['audience', 'open'], ['confirm', 'on']])).status).toBe(403);
		const res = await submit(leader, `${page}?/publish`, [['audience', 'open'], ['confirm', 'on']]);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Upphandlingen är publicerad.');
		const [row] = await server.app.db.select().from(tenders).where(eq(tenders.id, tenderId));
		expect(row.open).toBe(true);
		expect(await journalled('tender.published')).toBe(1);
	});

	it('invites a supplier by email from the page, and lists the invitation', async () => {
		const bad = await submit(leader, `${page}?/invite`, [['email', 'inte en adress']]);
		expect(bad.status).toBe(400);
		const res = await submit(leader, `${page}?/invite`, [['email', 'anbud@gammateknik.example']]);
		expect(res.status).toBe(200);
		const text = await res.text();
		expect(text).toContain('Inbjudan skickad till anbud@gammateknik.example');
		expect(text).toContain('inte använd än');
	});
});

describe('before the opening the round is sealed on the pages too', () => {
	beforeAll(async () => {
		const res = await as(b1).post(`/api/v1/tenders/${tenderId}/submissions`, {
			answers: [{ requirementId: 'K1', value: `Inom 12 sekunder. ${CANARY}` }],
			priceSek: 200_000,
			confidentiality: [{ requirementId: 'K1', what: 'Hur svarstiden uppnås', why: 'Konkurrenter skulle kunna kopiera metoden.' }]
		});
		expect(res.status).toBe(201);
		receiptB = (await res.json()).receipt;
		const st = await as(expertA).post(`/api/v1/tenders/${tenderId}/conflicts/${orgA.id}/statement`, { statement: 'Vår expert skrev bara om mätmetoder.' });
		expect(st.status).toBeLessThan(300);
	});

	it('shows the team that the tenders are sealed, with no tender, receipt or count', async () => {
		for (const u of [leader, officer, observer]) {
			const { status, text } = await html(u, page);
			expect(status).toBe(200);
			expect(text).toContain('Anbuden är förseglade till anbudsöppningen.');
			for (const secret of [CANARY, receiptB.id, receiptB.sha256, 'Betavård']) expect(text, `${secret} as ${u.id}`).not.toContain(secret);
			expect(text).not.toMatch(/\d+ anbud öppnade/);
		}
		const list = await html(leader, `/initiatives/${initiativeId}/tenders`);
		expect(list.text).toContain('Anbuden är förseglade till öppningen');
		expect(list.text).not.toContain(receiptB.id);
	});

	it('never shows the team’s page to a supplier or a platform administrator', async () => {
		for (const u of [b1, expertA, admin]) expect((await as(u).get(page)).status).toBe(404);
	});

	it('refuses to open before the deadline, saying when it can', async () => {
		const res = await submit(leader, `${page}?/approve`, []);
		expect(res.status).toBe(409);
		expect(await res.text()).toContain('Anbuden kan öppnas först när sista anbudsdag har passerat.');
	});
});

describe('the conflict cases panel', () => {
	it('shows the barred organisation with its evidence and statement, and lifts the bar after two approvals', async () => {
		const before = await html(leader, page);
		expect(before.text).toContain('Alfasensor AB');
		expect(before.text).toContain('Vår expert skrev bara om mätmetoder.');
		expect(before.text).toContain('0 av 2 godkännanden för att häva');

		const empty = await submit(officer, `${page}?/decide`, [['organisationId', orgA.id], ['decision', 'lift'], ['reason', '']]);
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain('Motiveringen behöver fyllas i.');

		const first = await submit(officer, `${page}?/decide`, [['organisationId', orgA.id], ['decision', 'lift'], ['reason', 'Informationen finns i kravversionen.']]);
		expect(first.status).toBe(200);
		const afterOne = await first.text();
		expect(afterOne).toContain('1 av 2 godkännanden för att häva');
		expect(afterOne).toContain('Olle Upphandlare godkände att häva');

		const second = await submit(leader, `${page}?/decide`, [['organisationId', orgA.id], ['decision', 'lift'], ['reason', 'Ingen fördel kvar.']]);
		expect(second.status).toBe(200);
		const [c] = await server.app.db.select().from(tenderConflictCases).where(and(eq(tenderConflictCases.tenderId, tenderId), eq(tenderConflictCases.organisationId, orgA.id)));
		expect(c.outcome).toBe('lifted');
		expect(await journalled('tender.conflict_lifted')).toBe(1);
	});
});

describe('opening, declaration, evaluation and award from the page', () => {
	it('opens only when the second named opener approves, then shows the protocol with the receipt hash', async () => {
		clock.set(new Date(new Date(DEADLINE).getTime() + 60_000));
		expect((await submit(observer, `${page}?/approve`, [])).status).toBe(403);
		const one = await submit(leader, `${page}?/approve`, []);
		expect(one.status).toBe(200);
		const text = await one.text();
		expect(text).toContain('1 av 2 förrättare har godkänt öppningen');
		expect(text).not.toContain(receiptB.sha256);
		const two = await submit(officer, `${page}?/approve`, []);
		expect(two.status).toBe(200);
		const opened = await html(observer, page);
		expect(opened.text).toContain('Öppningsprotokoll');
		expect(opened.text).toContain(receiptB.sha256);
		expect(opened.text).toContain('Betavård AB');
		expect(opened.text).not.toContain(CANARY);
	});

	it('shows the tenders to an evaluator only after their declaration', async () => {
		const before = await html(leader, page);
		expect(before.text).not.toContain(CANARY);
		expect(before.text).toContain('Lämna jävsdeklarationen');
		const refused = await submit(leader, `${page}?/declare`, [['statement', 'Inga kontakter.']]);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Intyga att du inte har någon intressekonflikt.');
		const res = await submit(leader, `${page}?/declare`, [['noConflict', 'on'], ['statement', 'Inga kontakter.']]);
		expect(res.status).toBe(200);
		const after = await html(leader, page);
		expect(after.text).toContain(CANARY);
		expect(after.text).toContain('Du har lämnat din jävsdeklaration.');
		// The observer never reads a tender, declaration or not.
		expect((await html(observer, page)).text).not.toContain(CANARY);
		expect((await submit(observer, `${page}?/declare`, [['noConflict', 'on']])).status).toBe(403);
	});

	it('lets a declared evaluator assess a confidentiality request with a reason', async () => {
		const fields: Array<[string, string]> = [['submissionId', receiptB.id], ['index', '0']];
		const missing = await submit(leader, `${page}?/confidentiality`, [...fields, ['reason', 'Affärshemlighet.']]);
		expect(missing.status).toBe(400);
		expect(await missing.text()).toContain('Ange om sekretess beviljas.');
		const res = await submit(leader, `${page}?/confidentiality`, [...fields, ['granted', 'yes'], ['reason', 'Metoden är en affärshemlighet.']]);
		expect(res.status).toBe(200);
		const text = await res.text();
		expect(text).toContain('Prövningen är sparad.');
		expect(text).toContain('Beviljad: Metoden är en affärshemlighet.');
		expect(await journalled('tender.confidentiality_decided')).toBe(1);
	});

	it('saves a score with its motivation and shows the weighted total in the ranking', async () => {
		const [row] = await server.app.db.select().from(tenders).where(eq(tenders.id, tenderId));
		const quality = row.criteria.find((c) => c.kind === 'quality')!;
		const cell: Array<[string, string]> = [['submissionId', receiptB.id], ['criterionId', quality.id]];
		const missing = await submit(leader, `${page}?/score`, [...cell, ['score', '8'], ['motivation', '']]);
		expect(missing.status).toBe(400);
		expect(await missing.text()).toContain('Motiveringen behöver fyllas i.');
		expect((await submit(officer, `${page}?/score`, [...cell, ['score', '8'], ['motivation', 'Bra']])).status).toBe(403);
		const res = await submit(leader, `${page}?/score`, [...cell, ['score', '8'], ['motivation', 'Snabbt larm.']]);
		expect(res.status).toBe(200);
		const text = await res.text();
		expect(text).toContain('Betyget är sparat.');
		// Price 40 (the only and so the lowest price) + 8/10 × 60 = 88.
		expect(text).toMatch(/<strong>88<\/strong>/);
		expect(await journalled('tender.scored')).toBe(1);
	});

	it('awards, counts the standstill down from the server’s clock, and refuses the contract until it ends', async () => {
		const res = await submit(leader, `${page}?/award`, [['submissionId', receiptB.id], ['motivation', 'Högst poäng.']]);
		expect(res.status).toBe(200);
		const text = await res.text();
		expect(text).toContain('Tilldelningsbeslutet är fattat');
		expect(text).toContain('10 dagar och 0 timmar kvar av avtalsspärren');
		expect(text).toContain('Avtalsspärren löper ut 30 mars 2027 kl. 14:01');
		expect(text).not.toContain('Markera avtalet som tecknat');
		const early = await submit(leader, `${page}?/contract`, [['confirm', 'on']]);
		expect(early.status).toBe(409);

		clock.advance(3 * 86_400_000 + 5 * 3_600_000);
		expect((await html(leader, page)).text).toContain('6 dagar och 19 timmar kvar av avtalsspärren');

		clock.advance(7 * 86_400_000);
		const ended = await html(leader, page);
		expect(ended.text).toContain('Avtalsspärren löpte ut');
		expect(ended.text).toContain('Markera avtalet som tecknat');
		const signed = await submit(leader, `${page}?/contract`, [['confirm', 'on']]);
		expect(signed.status).toBe(200);
		expect(await signed.text()).toContain('Avtalet tecknades');
		expect(await journalled('tender.contract_signed')).toBe(1);
	});
});
