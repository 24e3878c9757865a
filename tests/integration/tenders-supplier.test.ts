/**
 * The supplier's side of a tender round through the real server (pages and API), with the
 * server's clock injected. An open round is announced to every registered supplier. Supplier A's
 * expert wrote in the requirements: A's page says it is barred, names the evidence and takes its
 * hearing statement, and its drafts are refused. B keeps a draft and an attachment that are
 * sealed like a tender (in no column of any table in plain form, read back only by B), submits
 * from the page, gets a receipt, withdraws and resubmits; after the deadline the form is closed.
 * After the opening the team records qualification: C, not qualified, leaves the ranking and
 * cannot be awarded. After the award the supplier sees the decision and the standstill, and the
 * public version comes as a Word file with the granted confidentiality masked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { ManualClock } from '../../src/lib/server/clock.ts';
import { sha256Hex } from '../../src/lib/server/requirements/versions.ts';
import { auditLog, docLedger, memberships, notifications, requirementVersions, tenderDrafts } from '../../src/lib/server/db/schema/index.ts';

const clock = new ManualClock('2027-03-01T09:00:00Z');
const DEADLINE = '2027-03-20T12:00:00Z';
const DRAFT_CANARY = 'KANARIE-UTKAST-B-5d21c0';
const FILE_CANARY = 'KANARIE-BILAGA-B-93be7a';
const SECRET = 'HEMLIG-KONSTRUKTION-B-41aa';

let server: TestServer;
let leader: TestUser;
let officer: TestUser;
let expertA: TestUser;
let colleagueA: TestUser;
let b1: TestUser;
let c1: TestUser;
let d1: TestUser;
let initiativeId: string;
let tenderId: string;
let fileId: string;
let receiptB: string;
let receiptC: string;

function as(user: TestUser | null): Client {
	const c = new Client(server.url);
	if (user) {
		const [name, value] = user.cookie.split('=');
		c.setCookie(name, value);
	}
	return c;
}

/** A page's form action, posted like the browser's enhanced form does. */
async function action(user: TestUser, name: string, fields: Array<[string, string]>) {
	const res = await as(user).request('POST', `/tenders/${tenderId}?/${name}`, new URLSearchParams(fields).toString(), {
		'content-type': 'application/x-www-form-urlencoded',
		accept: 'application/json',
		'x-sveltekit-action': 'true'
	});
	const out = (await res.json()) as { type: string; status?: number; data?: string };
	return { ...out, text: out.data ?? '' };
}

const page = async (user: TestUser) => {
	const res = await as(user).request('GET', `/tenders/${tenderId}`, undefined, { accept: 'text/html' });
	return { status: res.status, html: await res.text() };
};

const requirement = (id: string, uid: string, text: string) => ({ id, uid, kind: 'function', obligation: 'ska', text, rationale: '', needIds: [], verification: '', section: null });

/** Every text, bytea and jsonb column of every table, as text (bytea as hex). */
async function rawDatabaseText(): Promise<string> {
	const cols = (await server.app.db.execute(
		sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('text', 'bytea', 'jsonb', 'json', 'character varying')`
	)) as unknown as { rows?: Array<Record<string, string>> } & Array<Record<string, string>>;
	let all = '';
	for (const c of (cols.rows ?? cols) as Array<Record<string, string>>) {
		const rows = (await server.app.db.execute(sql.raw(`select "${c.column_name}"::text as v from "${c.table_name}"`))) as unknown as { rows?: Array<{ v: string | null }> } & Array<{ v: string | null }>;
		for (const r of (rows.rows ?? rows) as Array<{ v: string | null }>) all += `${r.v ?? ''}\n`;
	}
	return all;
}

function expectNowhereInDatabase(raw: string, canary: string) {
	expect(raw).not.toContain(canary);
	expect(raw.toLowerCase()).not.toContain(Buffer.from(canary).toString('hex'));
}

beforeAll(async () => {
	server = await startTestServer({ JOBS_INTERVAL_SECONDS: '3600', SEAL_KEY: Buffer.alloc(32, 9).toString('base64') }, { clock });
	const app = server.app;
	const buyer = await makeOrganisation(app, 'buyer', 'Norrviks kommun');
	leader = await makeUser(app, { organisationId: buyer.id, name: 'Lena Ledare' });
	officer = await makeUser(app, { organisationId: buyer.id, name: 'Ulf Upphandlare' });
	initiativeId = (await makeInitiative(app, leader, 'Torra entréer')).id;
	await addMember(app, initiativeId, officer.id, 'team');
	await app.db.update(memberships).set({ label: 'procurement_officer' }).where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, officer.id)));
	const a = await makeOrganisation(app, 'supplier', 'Alfamatta AB');
	expertA = await makeUser(app, { organisationId: a.id, name: 'Anna Alfa' });
	colleagueA = await makeUser(app, { organisationId: a.id, name: 'Anders Alfa' });
	await app.db.insert(docLedger).values({ docName: `requirements.${initiativeId}`, userId: expertA.id, organisationId: a.id, bytes: 90 });
	b1 = await makeUser(app, { organisationId: (await makeOrganisation(app, 'supplier', 'Betarobot AB')).id, name: 'Bea Beta' });
	c1 = await makeUser(app, { organisationId: (await makeOrganisation(app, 'supplier', 'Gammagolv AB')).id, name: 'Cim Gamma' });
	d1 = await makeUser(app, { organisationId: (await makeOrganisation(app, 'supplier', 'Deltastäd AB')).id, name: 'Dan Delta' });
	const content = JSON.stringify({
		initiativeId,
		version: 1,
		publishedAt: '2027-02-20T10:00:00.000Z',
		publishedBy: { id: leader.id, name: 'Lena Ledare' },
		note: null,
		sections: [],
		requirements: [requirement('K1', 'uid-k1', 'Väta ska stanna vid entrén.'), requirement('K2', 'uid-k2', 'Lösningen ska vara säker för barn.')]
	});
	await app.db.insert(requirementVersions).values({ initiativeId, version: 1, content, sha256: sha256Hex(content), publishedBy: leader.id, publishedByName: 'Lena Ledare', publishedAt: '2027-02-20T10:00:00.000Z' });
});
afterAll(async () => {
	await server?.stop();
});

describe('publishing a round open to all', () => {
	it('tells the users of every registered supplier organisation, and nobody on the buyer side', async () => {
		const res = await as(leader).post(`/api/v1/initiatives/${initiativeId}/tenders`, {
			title: 'Torra entréer på förskolor',
			requirementsVersion: 1,
			deadline: DEADLINE,
			openers: [leader.id, officer.id],
			criteria: [
				{ name: 'Pris', weight: 50, kind: 'price' },
				{ name: 'Kvalitet', weight: 50, kind: 'quality', requirementIds: ['K1'] }
			]
		});
		tenderId = (await res.json()).id;
		expect((await as(leader).post(`/api/v1/tenders/${tenderId}/publish`, { open: true })).status).toBe(200);
		const told = await server.app.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, 'tender.published'));
		expect(told.map((n) => n.userId).sort()).toEqual([expertA.id, colleagueA.id, b1.id, c1.id, d1.id].sort());
	});

	it('lists the round on the supplier portal and sends an invitation link to the round page', async () => {
		const res = await as(d1).request('GET', '/supplier', undefined, { accept: 'text/html' });
		const html = await res.text();
		expect(html).toContain('Torra entréer på förskolor');
		expect(html).toContain(`href="/tenders/${tenderId}"`);
	});
});

describe('a barred organisation', () => {
	it('reads plainly that it may not tender, the evidence, and a hearing form — and no tender form', async () => {
		const { status, html } = await page(colleagueA);
		expect(status).toBe(200);
		expect(html).toContain('får inte lämna anbud');
		expect(html).toContain('Kravspecifikationen');
		expect(html).toContain('?/statement');
		expect(html).not.toContain('name="price"');
		expect(html).not.toContain('Anna Alfa');
	});

	it('gives its statement from the page (journalled), and is refused a draft (journalled as a refusal)', async () => {
		const given = await action(colleagueA, 'statement', [['statement', 'Anna skrev ett krav på kommunens begäran; informationen finns i underlaget.']]);
		expect(given.type).toBe('success');
		expect((await page(colleagueA)).html).toContain('yttrande är lämnat');
		const draft = await action(colleagueA, 'save', [['a_K1', 'Vi vill ändå.'], ['price', '100']]);
		expect(draft.type).toBe('failure');
		expect(draft.status).toBe(403);
		const journal = await server.app.db.select({ action: auditLog.action, data: auditLog.data }).from(auditLog).where(eq(auditLog.initiativeId, initiativeId));
		expect(journal.map((j) => j.action)).toContain('tender.conflict_statement');
		expect(journal.find((j) => j.action === 'tender.submission_refused')?.data).toMatchObject({ route: 'draft' });
	});
});

describe('an eligible supplier prepares its tender', () => {
	it('keeps a sealed draft across reloads, for its own organisation only', async () => {
		const saved = await action(b1, 'save', [
			['a_K1', `Roboten suger upp vatten inom två meter. ${DRAFT_CANARY}`],
			['price', '1 250 000'],
			['c_req', 'K1'],
			['c_what', 'Sugmunstyckets konstruktion'],
			['c_why', 'Affärshemlighet; konkurrenter kan kopiera den.']
		]);
		expect(saved.type).toBe('success');
		const reloaded = (await page(b1)).html;
		expect(reloaded).toContain(DRAFT_CANARY);
		expect(reloaded).toContain('1250000');
		expect(reloaded).toContain('Sugmunstyckets konstruktion');
		for (const u of [c1, colleagueA]) expect((await page(u)).html).not.toContain(DRAFT_CANARY);
		expect(JSON.stringify(await (await as(leader).get(`/api/v1/tenders/${tenderId}`)).json())).not.toContain(DRAFT_CANARY);
		expectNowhereInDatabase(await rawDatabaseText(), DRAFT_CANARY);
	});

	it('seals an attachment: readable by its organisation, not found for the buyer team and other suppliers, journalled in the round’s sealed chain', async () => {
		const form = new FormData();
		form.set('purpose', 'tender_attachment');
		form.set('ownerId', tenderId);
		form.set('file', new Blob([new TextEncoder().encode(`Teknisk beskrivning. ${FILE_CANARY}\n`)]), 'beskrivning.txt');
		const res = await fetch(`${server.url}/api/v1/files`, { method: 'POST', body: form, headers: { cookie: as(b1).cookieHeader(), origin: server.url } });
		expect(res.status).toBe(201);
		fileId = (await res.json()).id;
		expect(await (await as(b1).get(`/api/v1/files/${fileId}`)).text()).toContain(FILE_CANARY);
		for (const u of [leader, officer, c1]) expect((await as(u).get(`/api/v1/files/${fileId}`)).status).toBe(404);
		expectNowhereInDatabase(await rawDatabaseText(), FILE_CANARY);
		const uploads = await server.app.db.select({ chain: auditLog.initiativeId }).from(auditLog).where(eq(auditLog.action, 'file.uploaded'));
		expect(uploads.map((u) => u.chain)).toEqual([tenderId]);

		const barred = new FormData();
		barred.set('purpose', 'tender_attachment');
		barred.set('ownerId', tenderId);
		barred.set('file', new Blob([new TextEncoder().encode('x\n')]), 'x.txt');
		expect((await fetch(`${server.url}/api/v1/files`, { method: 'POST', body: barred, headers: { cookie: as(colleagueA).cookieHeader(), origin: server.url } })).status).toBe(403);
	});

	it('refuses a tender naming a file that is not the organisation’s own for the round', async () => {
		const res = await as(c1).post(`/api/v1/tenders/${tenderId}/submissions`, { answers: [], priceSek: 10, attachments: [fileId] });
		expect(res.status).toBe(400);
		expect((await res.json()).error.code).toBe('unknown_file');
	});

	it('submits from the page: a receipt with the time and SHA-256, and the draft is gone', async () => {
		const fields: Array<[string, string]> = [
			['a_K1', `Roboten suger upp vatten inom två meter. ${SECRET}`],
			['a_K2', 'Roboten stannar vid beröring.'],
			['price', '240 000'],
			['attachment', fileId],
			['c_req', 'K1'],
			['c_what', 'Sugmunstyckets konstruktion'],
			['c_why', 'Affärshemlighet; konkurrenter kan kopiera den.']
		];
		const submitted = await action(b1, 'submit', fields);
		expect(submitted.type).toBe('success');
		const { html } = await page(b1);
		expect(html).toContain('Kvitto på ert anbud');
		expect(html).toMatch(/[0-9a-f]{64}/);
		expect(html).not.toContain(SECRET);
		expect(await server.app.db.select().from(tenderDrafts).where(eq(tenderDrafts.tenderId, tenderId))).toHaveLength(0);

		const withdrawn = await action(b1, 'withdraw', []);
		expect(withdrawn.type).toBe('success');
		expect((await page(b1)).html).not.toContain('Kvitto på ert anbud');
		expect((await action(b1, 'submit', fields)).type).toBe('success');
		const view = await (await as(b1).get(`/api/v1/tenders/${tenderId}`)).json();
		receiptB = view.receipt.id;
		expect(view.receipt.sha256).toMatch(/^[0-9a-f]{64}$/);

		const c = await as(c1).post(`/api/v1/tenders/${tenderId}/submissions`, { answers: [{ requirementId: 'K1', value: 'Matta.' }], priceSek: 90_000 });
		receiptC = (await c.json()).receipt.id;
	});

	it('closes the form after the deadline with a clear sentence, and refuses drafts by the server’s clock', async () => {
		clock.set('2027-03-20T12:00:01Z');
		const { html } = await page(b1);
		expect(html).toContain('Sista anbudsdag har passerat. Anbudsformuläret är stängt');
		expect(html).not.toContain('name="price"');
		const late = await action(b1, 'save', [['a_K1', 'Sent.']]);
		expect(late.status).toBe(409);
		expect(late.text).toContain('deadline_passed');
	});
});

describe('qualification after the opening', () => {
	it('opens with two openers; the attachment becomes readable to a declared team member as part of B’s tender', async () => {
		await as(leader).post(`/api/v1/tenders/${tenderId}/opening/approve`);
		expect(await (await as(officer).post(`/api/v1/tenders/${tenderId}/opening/approve`)).json()).toEqual({ approvals: 2, opened: true });
		expect((await as(leader).get(`/api/v1/files/${fileId}`)).status).toBe(404);
		await as(leader).post(`/api/v1/tenders/${tenderId}/declarations`, { noConflict: true });
		expect(await (await as(leader).get(`/api/v1/files/${fileId}`)).text()).toContain(FILE_CANARY);
		const protocol = await (await as(leader).get(`/api/v1/tenders/${tenderId}/opening-protocol`)).json();
		expect(protocol.tenders.every((t: { hashVerified: boolean }) => t.hashVerified)).toBe(true);
	});

	it('refuses qualification before the declaration, to suppliers, and for malformed bodies', async () => {
		const body = { submissionId: receiptC, qualified: false, reason: 'Saknar F-skattsedel.' };
		expect((await (await as(officer).post(`/api/v1/tenders/${tenderId}/qualification`, body)).json()).error.code).toBe('declaration_required');
		expect((await as(b1).post(`/api/v1/tenders/${tenderId}/qualification`, body)).status).toBe(403);
		const bad = await as(leader).post(`/api/v1/tenders/${tenderId}/qualification`, { submissionId: receiptC, qualified: 'nej' });
		expect(bad.status).toBe(400);
		expect((await bad.json()).error.code).toBeTruthy();
	});

	it('records C as not qualified (journalled): C leaves the ranking and cannot be awarded', async () => {
		const res = await as(leader).post(`/api/v1/tenders/${tenderId}/qualification`, { submissionId: receiptC, qualified: false, reason: 'Saknar F-skattsedel.' });
		expect(res.status).toBe(200);
		expect((await as(leader).post(`/api/v1/tenders/${tenderId}/qualification`, { submissionId: receiptB, qualified: true, reason: 'Uppfyller kraven.' })).status).toBe(200);
		const list = await (await as(leader).get(`/api/v1/tenders/${tenderId}/qualification`)).json();
		expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ submissionId: receiptC, qualified: false, reason: 'Saknar F-skattsedel.' })]));
		const recorded = await server.app.db.select({ data: auditLog.data }).from(auditLog).where(and(eq(auditLog.initiativeId, initiativeId), eq(auditLog.action, 'tender.qualification_recorded')));
		expect(recorded.map((r) => (r.data as { qualified: boolean }).qualified).sort()).toEqual([false, true]);
		const ranking = await (await as(leader).get(`/api/v1/tenders/${tenderId}/ranking`)).json();
		expect(ranking.ranking.map((r: { submissionId: string }) => r.submissionId)).toEqual([receiptB]);
		expect(ranking.excluded.map((r: { submissionId: string }) => r.submissionId)).toEqual([receiptC]);
		// B's price gets full price points: C's lower price no longer counts as the lowest.
		const price = ranking.criteria.find((c: { kind: string }) => c.kind === 'price').id;
		expect(ranking.ranking[0].criteria.find((c: { criterionId: string }) => c.criterionId === price).points).toBe(50);
		const award = await as(leader).post(`/api/v1/tenders/${tenderId}/award`, { submissionId: receiptC, motivation: 'Lägst pris.' });
		expect(award.status).toBe(409);
		expect((await award.json()).error.code).toBe('not_qualified');
	});
});

describe('after the award', () => {
	it('shows the supplier the decision and the standstill', async () => {
		expect((await as(leader).post(`/api/v1/tenders/${tenderId}/award`, { submissionId: receiptB, motivation: 'Enda kvalificerade anbudet.' })).status).toBe(200);
		const b = (await page(b1)).html;
		expect(b).toContain('Er organisation har tilldelats kontraktet.');
		expect(b).toContain('Avtalsspärren löper till');
		const c = (await page(c1)).html;
		expect(c).toContain('Kontraktet har tilldelats en annan anbudsgivare.');
		expect(c).not.toContain('Betarobot');
		expect((await as(leader).post(`/api/v1/tenders/${tenderId}/qualification`, { submissionId: receiptC, qualified: true, reason: 'Ändrat.' })).status).toBe(409);
	});

	it('gives the public version as a Word file with the unassessed confidential part masked', async () => {
		const res = await as(c1).get(`/api/v1/tenders/${tenderId}/public?format=docx`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('wordprocessingml');
		const xml = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']);
		const text = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
		expect(text).toContain('Anbud, offentlig version');
		expect(text).toContain('Sekretess begärd av leverantören – Sugmunstyckets konstruktion');
		expect(text).not.toContain(SECRET);
		expect(text).toContain('Roboten stannar vid beröring.');
		expect(text).toContain('Betarobot AB');
		expect((await as(c1).get(`/api/v1/tenders/${tenderId}/public?format=pdf`)).status).toBe(400);
	});
});
