/**
 * Tender rounds through the real server, with the server's clock injected. An expert of supplier
 * A wrote in the requirements, so A's people are refused (`conflict_of_interest`) until the buyer
 * team, after hearing A, lifts the bar with two approvals — and every supplier is then told the
 * advantage is shared, without A being named. Supplier B plants a unique string in its tender;
 * before the opening nobody — the buyer team, a platform administrator, B itself — gets it back
 * from any route, and it is nowhere in the journal, the outbox or any column of any table. One
 * opener cannot open; two can; the protocol re-checks B's receipt hash; scores and weights give
 * the expected ranking; the award starts a standstill that refuses the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { platformAdmin } from './requirements.helpers.ts';
import { ManualClock } from '../../src/lib/server/clock.ts';
import { canonicalJson } from '../../src/lib/server/audit/index.ts';
import { sha256Hex } from '../../src/lib/server/requirements/versions.ts';
import { auditLog, docLedger, memberships, notifications, outbox, requirementVersions, users } from '../../src/lib/server/db/schema/index.ts';

const clock = new ManualClock('2027-03-01T09:00:00Z');
const DEADLINE = '2027-03-20T12:00:00Z';
const CANARY = 'KANARIE-ANBUD-B-7f3a91';
const CANARY_PRICE = 271_828.5;

let server: TestServer;
let leader: TestUser;
let officer: TestUser;
let evaluator: TestUser;
let admin: TestUser;
let expertA: TestUser;
let colleagueA: TestUser;
let b1: TestUser;
let c1: TestUser;
let orgA: { id: string; name: string };
let initiativeId: string;
let tenderId: string;
let receiptB: { id: string; receivedAt: string; sha256: string };
let receiptC: { id: string };
let receiptA: { id: string };
let dataDir: string | null = null;
let criteria: Array<{ id: string; kind: string; name: string }>;

function as(user: TestUser | null): Client {
	const c = new Client(server.url);
	if (user) {
		const [name, value] = user.cookie.split('=');
		c.setCookie(name, value);
	}
	return c;
}
const put = (user: TestUser, path: string, body: unknown) => as(user).request('PUT', path, body);

async function emailOf(user: TestUser): Promise<string> {
	const [row] = await server.app.db.select({ email: users.email }).from(users).where(eq(users.id, user.id));
	return row.email;
}

const requirement = (id: string, uid: string, text: string) => ({ id, uid, kind: 'function', obligation: 'ska', text, rationale: '', needIds: [], verification: '', section: null });

beforeAll(async () => {
	const env: Record<string, string> = { JOBS_INTERVAL_SECONDS: '3600' };
	if (process.env.BRYGGA_TEST_DB === 'postgres') env.SEAL_KEY = Buffer.alloc(32, 7).toString('base64');
	// On PGlite, a data folder on disk (not memory://), so its files can be searched and the key file checked.
	else env.DATA_DIR = dataDir = mkdtempSync(join(tmpdir(), 'brygga-tenders-'));
	server = await startTestServer(env, { clock });
	const app = server.app;
	const buyer = await makeOrganisation(app, 'buyer', 'Sjöstads kommun');
	leader = await makeUser(app, { organisationId: buyer.id, name: 'Maria Lind' });
	officer = await makeUser(app, { organisationId: buyer.id, name: 'Olle Upphandlare' });
	evaluator = await makeUser(app, { organisationId: buyer.id, name: 'Johan Ek' });
	admin = await platformAdmin(app);
	const initiative = await makeInitiative(app, leader, 'Fallprevention i hemtjänsten');
	initiativeId = initiative.id;
	await addMember(app, initiativeId, officer.id, 'team');
	await app.db.update(memberships).set({ label: 'procurement_officer' }).where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, officer.id)));
	await addMember(app, initiativeId, evaluator.id, 'team');
	const a = await makeOrganisation(app, 'supplier', 'Alfasensor AB');
	orgA = { id: a.id, name: a.name };
	expertA = await makeUser(app, { organisationId: a.id, name: 'Anna Alfa' });
	colleagueA = await makeUser(app, { organisationId: a.id, name: 'Anders Alfa' });
	// A's expert is on the buyer team and wrote in the requirements document (the authorship ledger).
	await addMember(app, initiativeId, expertA.id, 'team');
	await app.db.insert(docLedger).values({ docName: `requirements.${initiativeId}`, userId: expertA.id, organisationId: a.id, bytes: 120 });
	const b = await makeOrganisation(app, 'supplier', 'Betavård AB');
	b1 = await makeUser(app, { organisationId: b.id, name: 'Bengt Beta' });
	const c = await makeOrganisation(app, 'supplier', 'Gammateknik AB');
	c1 = await makeUser(app, { organisationId: c.id, name: 'Cecilia Gamma' });
	const content = JSON.stringify({
		initiativeId,
		version: 1,
		publishedAt: '2027-02-20T10:00:00.000Z',
		publishedBy: { id: leader.id, name: 'Maria Lind' },
		note: null,
		sections: [],
		requirements: [requirement('K1', 'uid-k1', 'Larmet ska nå personalen inom 30 sekunder.'), requirement('K2', 'uid-k2', 'Lösningen ska fungera utan wifi.')]
	});
	await app.db.insert(requirementVersions).values({ initiativeId, version: 1, content, sha256: sha256Hex(content), publishedBy: leader.id, publishedByName: 'Maria Lind', publishedAt: '2027-02-20T10:00:00.000Z' });
});
afterAll(async () => {
	await server?.stop();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Every file under a folder, recursively. */
function filesUnder(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) filesUnder(path, out);
		else out.push(path);
	}
	return out;
}

const round = (over: Record<string, unknown> = {}) => ({
	title: 'Sensorer som förebygger fall',
	requirementsVersion: 1,
	deadline: DEADLINE,
	openers: [leader.id, officer.id],
	criteria: [
		{ name: 'Pris', weight: 40, kind: 'price' },
		{ name: 'Kvalitet', weight: 60, kind: 'quality', requirementIds: ['K1'] }
	],
	...over
});

describe('the buyer team sets up a round', () => {
	it('refuses one opener, openers outside the buyer team, weights that are not positive and past deadlines', async () => {
		const one = await as(leader).post(`/api/v1/initiatives/${initiativeId}/tenders`, round({ openers: [leader.id, leader.id] }));
		expect(one.status).toBe(400);
		const supplierOpener = await as(leader).post(`/api/v1/initiatives/${initiativeId}/tenders`, round({ openers: [leader.id, expertA.id] }));
		expect((await supplierOpener.json()).error.code).toBe('invalid_openers');
		const weight = await as(leader).post(`/api/v1/initiatives/${initiativeId}/tenders`, round({ criteria: [{ name: 'Pris', weight: 0, kind: 'price' }] }));
		expect(weight.status).toBe(400);
		const past = await as(leader).post(`/api/v1/initiatives/${initiativeId}/tenders`, round({ deadline: '2027-02-28T12:00:00Z' }));
		expect((await past.json()).error.code).toBe('deadline_in_past');
		const unknown = await as(leader).post(`/api/v1/initiatives/${initiativeId}/tenders`, round({ criteria: [{ name: 'Kvalitet', weight: 1, kind: 'quality', requirementIds: ['K9'] }] }));
		expect((await unknown.json()).error.code).toBe('unknown_requirement');
	});

	it('creates a draft no supplier can see, invites B who accepts, and publishes it open to every supplier', async () => {
		const res = await as(leader).post(`/api/v1/initiatives/${initiativeId}/tenders`, round());
		expect(res.status).toBe(201);
		tenderId = (await res.json()).id;
		for (const s of [b1, c1, colleagueA, expertA]) expect((await as(s).get(`/api/v1/tenders/${tenderId}`)).status).toBe(404);
		const inv = await as(leader).post(`/api/v1/tenders/${tenderId}/invitations`, { email: await emailOf(b1) });
		expect(inv.status).toBe(201);
		const token = (await inv.json()).inviteUrl.split('/').pop();
		const accepted = await as(b1).post(`/api/v1/invitations/${token}/accept`);
		expect(await accepted.json()).toEqual({ tenderId });
		expect((await as(b1).get(`/api/v1/tenders/${tenderId}`)).status).toBe(404);
		const pub = await as(leader).post(`/api/v1/tenders/${tenderId}/publish`, { open: true });
		expect(pub.status).toBe(200);
		const notes = await server.app.db.select().from(notifications).where(and(eq(notifications.userId, b1.id), eq(notifications.kind, 'tender.published')));
		expect(notes).toHaveLength(1);
		const view = await (await as(c1).get(`/api/v1/tenders/${tenderId}`)).json();
		expect(view.status).toBe('published');
		criteria = view.criteria;
		expect(view.receipt).toBeNull();
		expect(view.requirements.requirements.map((r: { id: string }) => r.id)).toEqual(['K1', 'K2']);
		expect(JSON.stringify(view.requirements)).not.toContain('Maria Lind');
	});
});

describe('the conflicts register bars the organisation that wrote the requirements', () => {
	it('tells A it is barred, with the evidence, and B that it may tender', async () => {
		const a = await (await as(colleagueA).get(`/api/v1/tenders/${tenderId}/eligibility`)).json();
		expect(a).toMatchObject({ eligible: false, level: 'barred' });
		expect(JSON.stringify(a.evidence)).toContain(`requirements.${initiativeId}`);
		expect(await (await as(b1).get(`/api/v1/tenders/${tenderId}/eligibility`)).json()).toEqual({ eligible: true });
		expect((await as(leader).get(`/api/v1/tenders/${tenderId}/eligibility`)).status).toBe(403);
		expect((await as(b1).get(`/api/v1/tenders/${tenderId}/conflicts`)).status).toBe(403);
	});

	it('refuses a tender from the expert and from a colleague (403 conflict_of_interest), and journals each refusal', async () => {
		const body = { answers: [{ requirementId: 'K1', value: 'Vi larmar på tio sekunder.' }], priceSek: 150_000 };
		for (const u of [expertA, colleagueA]) {
			const res = await as(u).post(`/api/v1/tenders/${tenderId}/submissions`, body);
			expect(res.status).toBe(403);
			expect((await res.json()).error.code).toBe('conflict_of_interest');
		}
		const withdraw = await as(colleagueA).delete(`/api/v1/tenders/${tenderId}/submissions/mine`);
		expect((await withdraw.json()).error.code).toBe('conflict_of_interest');
		const refusals = await server.app.db.select().from(auditLog).where(and(eq(auditLog.initiativeId, initiativeId), eq(auditLog.action, 'tender.submission_refused')));
		expect(refusals.map((r) => r.actorUserId).sort()).toEqual([expertA.id, colleagueA.id, colleagueA.id].sort());
	});
});

describe('sealed submission', () => {
	it('gives B a receipt whose hash is over the canonical plaintext, and a new receipt on resubmission', async () => {
		const first = await as(b1).post(`/api/v1/tenders/${tenderId}/submissions`, { answers: [{ requirementId: 'K1', value: 'Första utkastet.' }], priceSek: 210_000 });
		expect(first.status).toBe(201);
		const firstReceipt = (await first.json()).receipt;
		const input = {
			answers: [
				{ requirementId: 'K1', value: `Larmet når personalen på fem sekunder. ${CANARY}` },
				{ requirementId: 'K2', value: 'Fungerar över mobilnät.' }
			],
			priceSek: CANARY_PRICE,
			confidentiality: [
				{ requirementId: 'K1', what: 'Larmkedjans uppbyggnad', why: 'Affärshemlighet: konkurrenter kan kopiera lösningen.' },
				{ requirementId: 'K2', what: 'Nätlösningen', why: 'Konkurrenter kan kopiera den.' }
			]
		};
		const res = await as(b1).post(`/api/v1/tenders/${tenderId}/submissions`, input);
		expect(res.status).toBe(201);
		receiptB = (await res.json()).receipt;
		expect(receiptB.id).not.toBe(firstReceipt.id);
		const expected = sha256Hex(canonicalJson({ tenderId, organisationId: (await orgOf(b1)), answers: input.answers, priceSek: input.priceSek, confidentiality: input.confidentiality }));
		expect(receiptB.sha256).toBe(expected);
		const view = await (await as(b1).get(`/api/v1/tenders/${tenderId}`)).json();
		expect(view.receipt).toEqual(receiptB);
	});

	it('lets C submit, withdraw and submit again before the deadline', async () => {
		const body = { answers: [{ requirementId: 'K1', value: 'Tjugo sekunder.' }], priceSek: 100_000 };
		expect((await as(c1).post(`/api/v1/tenders/${tenderId}/submissions`, body)).status).toBe(201);
		expect((await as(c1).delete(`/api/v1/tenders/${tenderId}/submissions/mine`)).status).toBe(204);
		expect((await (await as(c1).get(`/api/v1/tenders/${tenderId}`)).json()).receipt).toBeNull();
		expect((await as(c1).delete(`/api/v1/tenders/${tenderId}/submissions/mine`)).status).toBe(404);
		const again = await as(c1).post(`/api/v1/tenders/${tenderId}/submissions`, body);
		receiptC = (await again.json()).receipt;
	});

	it('refuses answers to requirements outside the attached version', async () => {
		const res = await as(c1).post(`/api/v1/tenders/${tenderId}/submissions`, { answers: [{ requirementId: 'K7', value: 'x' }], priceSek: 1 });
		expect((await res.json()).error.code).toBe('unknown_requirement');
	});
});

async function orgOf(u: TestUser): Promise<string> {
	const [row] = await server.app.db.select({ organisationId: users.organisationId }).from(users).where(eq(users.id, u.id));
	return row.organisationId;
}

describe('the hearing: a barred organisation is heard, and lifting needs two approvals', () => {
	it('refuses a decision before the statement, and upholding by anyone but the procurement officer', async () => {
		const early = await as(officer).post(`/api/v1/tenders/${tenderId}/conflicts/${orgA.id}/decision`, { decision: 'lift', reason: 'Kravarbetet var litet.' });
		expect((await early.json()).error.code).toBe('statement_required');
		const notOwn = await as(b1).post(`/api/v1/tenders/${tenderId}/conflicts/${orgA.id}/statement`, { statement: 'Försök.' });
		expect(notOwn.status).toBe(403);
		const st = await as(colleagueA).post(`/api/v1/tenders/${tenderId}/conflicts/${orgA.id}/statement`, { statement: 'Vår expert skrev bara om mätmetoder; all information finns i kravversionen.' });
		expect(st.status).toBe(201);
		const uphold = await as(evaluator).post(`/api/v1/tenders/${tenderId}/conflicts/${orgA.id}/decision`, { decision: 'uphold', reason: 'Jäv.' });
		expect((await uphold.json()).error.code).toBe('procurement_officer_required');
		expect((await as(b1).post(`/api/v1/tenders/${tenderId}/conflicts/${orgA.id}/decision`, { decision: 'lift', reason: 'x' })).status).toBe(403);
		const cases = await (await as(leader).get(`/api/v1/tenders/${tenderId}/conflicts`)).json();
		expect(cases).toEqual([expect.objectContaining({ organisation: expect.objectContaining({ id: orgA.id }), level: 'barred', outcome: null })]);
	});

	it('keeps the bar after one approval, lifts it after the procurement officer’s, and tells every supplier without naming A', async () => {
		const first = await as(evaluator).post(`/api/v1/tenders/${tenderId}/conflicts/${orgA.id}/decision`, { decision: 'lift', reason: 'Informationen delas med alla.' });
		expect(await first.json()).toEqual({ outcome: null, approvals: 1 });
		expect((await as(colleagueA).post(`/api/v1/tenders/${tenderId}/submissions`, { answers: [], priceSek: 1 })).status).toBe(403);
		const second = await as(officer).post(`/api/v1/tenders/${tenderId}/conflicts/${orgA.id}/decision`, { decision: 'lift', reason: 'Försprånget neutraliseras genom att informationen delas.' });
		expect(await second.json()).toEqual({ outcome: 'lifted', approvals: 2 });
		for (const u of [b1, c1]) {
			const notes = await (await as(u).get('/api/v1/notifications')).json();
			const text = JSON.stringify(notes);
			expect(text).toContain('delas med alla');
			expect(text).not.toContain('Alfasensor');
			const view = await (await as(u).get(`/api/v1/tenders/${tenderId}`)).json();
			expect(view.notices).toEqual([expect.objectContaining({ kind: 'advantage_shared' })]);
			expect(JSON.stringify(view)).not.toContain(orgA.id);
		}
		const actions = (await server.app.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.initiativeId, initiativeId))).map((r) => r.action);
		expect(actions).toEqual(expect.arrayContaining(['tender.conflict_statement', 'tender.conflict_lift_approved', 'tender.conflict_lifted', 'tender.notice_published']));
		const res = await as(colleagueA).post(`/api/v1/tenders/${tenderId}/submissions`, { answers: [{ requirementId: 'K1', value: 'Åtta sekunder.' }], priceSek: 300_000 });
		expect(res.status).toBe(201);
		receiptA = (await res.json()).receipt;
	});
});

describe('a flagged organisation is decided the same way', () => {
	it('lets a flagged organisation tender until the procurement officer, after its statement, upholds the flag', async () => {
		const app = server.app;
		const d = await makeOrganisation(app, 'supplier', 'Deltadata AB');
		const d1 = await makeUser(app, { organisationId: d.id, name: 'Dora Delta' });
		// D's person wrote in the brief (earlier work): flagged, not barred.
		await app.db.insert(docLedger).values({ docName: `brief.${initiativeId}`, userId: d1.id, organisationId: d.id, bytes: 40 });
		expect(await (await as(d1).get(`/api/v1/tenders/${tenderId}/eligibility`)).json()).toMatchObject({ eligible: true, level: 'flagged', outcome: null });
		expect((await as(d1).post(`/api/v1/tenders/${tenderId}/conflicts/${d.id}/statement`, { statement: 'Vi deltog bara i en workshop.' })).status).toBe(201);
		const upheld = await as(officer).post(`/api/v1/tenders/${tenderId}/conflicts/${d.id}/decision`, { decision: 'uphold', reason: 'Deltagandet gav ett försprång som inte kan neutraliseras.' });
		expect(await upheld.json()).toEqual({ outcome: 'upheld', approvals: 1 });
		const res = await as(d1).post(`/api/v1/tenders/${tenderId}/submissions`, { answers: [], priceSek: 1 });
		expect((await res.json()).error.code).toBe('conflict_of_interest');
		const again = await as(officer).post(`/api/v1/tenders/${tenderId}/conflicts/${d.id}/decision`, { decision: 'lift', reason: 'Ångrar.' });
		expect((await again.json()).error.code).toBe('already_decided');
	});
});

/** Every text, bytea and jsonb column of every table, as text (bytea as hex). */
async function rawDatabaseText(): Promise<string> {
	const cols = (await server.app.db.execute(
		sql`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' and data_type in ('text', 'bytea', 'jsonb', 'json', 'character varying')`
	)) as unknown as { rows?: Array<Record<string, string>> } & Array<Record<string, string>>;
	const list = (cols.rows ?? cols) as Array<Record<string, string>>;
	let all = '';
	for (const c of list) {
		const rows = (await server.app.db.execute(sql.raw(`select "${c.column_name}"::text as v from "${c.table_name}"`))) as unknown as { rows?: Array<{ v: string | null }> } & Array<{ v: string | null }>;
		for (const r of (rows.rows ?? rows) as Array<{ v: string | null }>) all += `${r.v ?? ''}\n`;
	}
	return all;
}

describe('sealed means sealed', () => {
	it('answers 403 sealed to the buyer team and B itself, and nothing to a platform administrator', async () => {
		for (const u of [leader, officer, evaluator, b1]) {
			const res = await as(u).get(`/api/v1/tenders/${tenderId}/submissions`);
			expect(res.status).toBe(403);
			expect((await res.json()).error.code).toBe('sealed');
		}
		expect((await as(admin).get(`/api/v1/tenders/${tenderId}/submissions`)).status).toBe(404);
		expect((await as(leader).get(`/api/v1/tenders/${tenderId}/opening-protocol`)).status).toBe(403);
		expect((await as(leader).get(`/api/v1/tenders/${tenderId}/ranking`)).status).toBe(403);
	});

	it('never returns B’s tender, nor a count of tenders, from any route before the opening', async () => {
		const paths = [
			'/api/v1/tenders',
			`/api/v1/tenders/${tenderId}`,
			`/api/v1/tenders/${tenderId}/submissions`,
			`/api/v1/tenders/${tenderId}/opening-protocol`,
			`/api/v1/tenders/${tenderId}/ranking`,
			`/api/v1/tenders/${tenderId}/public`,
			`/api/v1/tenders/${tenderId}/conflicts`,
			`/api/v1/tenders/${tenderId}/declarations`,
			`/api/v1/initiatives/${initiativeId}/tenders`,
			`/api/v1/initiatives/${initiativeId}/audit`,
			`/api/v1/initiatives/${initiativeId}/conflicts`,
			'/api/v1/notifications',
			'/api/v1/admin/outbox',
			`/initiatives/${initiativeId}`,
			'/supplier'
		];
		for (const u of [leader, officer, evaluator, admin, b1, c1, colleagueA]) {
			for (const path of paths) {
				const text = await (await as(u).get(path)).text();
				expect(text, `${path} as ${u.id}`).not.toContain(CANARY);
				expect(text).not.toContain(String(CANARY_PRICE));
			}
		}
		const buyerView = await (await as(leader).get(`/api/v1/tenders/${tenderId}`)).json();
		expect(Object.keys(buyerView).filter((k) => /count|submission|receipt|tenders/i.test(k))).toEqual(['awardedSubmissionId']);
		expect(buyerView.awardedSubmissionId).toBeNull();
		const journal = JSON.stringify(await (await as(leader).get(`/api/v1/initiatives/${initiativeId}/audit`)).json());
		expect(journal).not.toContain(receiptB.id);
		expect(journal).not.toContain('tender.submitted');
	});

	it('keeps the string out of the journal, the outbox and every text, bytea and jsonb column of the database', async () => {
		const journal = JSON.stringify(await server.app.db.select().from(auditLog));
		expect(journal).not.toContain(CANARY);
		expect(JSON.stringify(await server.app.db.select().from(outbox))).not.toContain(CANARY);
		const raw = await rawDatabaseText();
		expect(raw).toContain(receiptB.sha256);
		expect(raw).not.toContain(CANARY);
		expect(raw.toLowerCase()).not.toContain(Buffer.from(CANARY).toString('hex'));
		expect(raw).not.toContain(String(CANARY_PRICE));
	});

	it('keeps the string out of the PGlite data folder, whose seal key file only its owner may read', async () => {
		if (!dataDir) return; // PostgreSQL: the key comes from SEAL_KEY and there is no data folder here.
		await server.app.db.execute(sql`checkpoint`);
		const files = filesUnder(dataDir);
		expect(files.length).toBeGreaterThan(10);
		const needles = [Buffer.from(CANARY), Buffer.from(CANARY, 'utf16le')];
		for (const f of files) for (const n of needles) expect(readFileSync(f).includes(n), f).toBe(false);
		// The search does see what the database holds: B's receipt hash is in the files.
		expect(files.some((f) => readFileSync(f).includes(Buffer.from(receiptB.sha256)))).toBe(true);
		expect(statSync(join(dataDir, 'seal.key')).mode & 0o777).toBe(0o600);
	});
});

describe('the deadline, by the server’s clock', () => {
	it('refuses opening before the deadline', async () => {
		const res = await as(leader).post(`/api/v1/tenders/${tenderId}/opening/approve`);
		expect((await res.json()).error.code).toBe('deadline_not_passed');
	});

	it('refuses a tender and a withdrawal once the deadline has passed', async () => {
		clock.set(new Date(new Date(DEADLINE).getTime() + 1000));
		const res = await as(b1).post(`/api/v1/tenders/${tenderId}/submissions`, { answers: [], priceSek: 5 });
		expect(res.status).toBe(409);
		expect((await res.json()).error.code).toBe('deadline_passed');
		expect((await as(c1).delete(`/api/v1/tenders/${tenderId}/submissions/mine`)).status).toBe(409);
	});
});

describe('the opening needs two different openers', () => {
	it('refuses team members who are not named openers', async () => {
		expect((await as(evaluator).post(`/api/v1/tenders/${tenderId}/opening/approve`)).status).toBe(403);
		expect((await as(b1).post(`/api/v1/tenders/${tenderId}/opening/approve`)).status).toBe(403);
	});

	it('does not open on one opener’s approval, even twice', async () => {
		expect(await (await as(leader).post(`/api/v1/tenders/${tenderId}/opening/approve`)).json()).toEqual({ approvals: 1, opened: false });
		expect(await (await as(leader).post(`/api/v1/tenders/${tenderId}/opening/approve`)).json()).toEqual({ approvals: 1, opened: false });
		expect((await (await as(leader).get(`/api/v1/tenders/${tenderId}/submissions`)).json()).error.code).toBe('sealed');
	});

	it('opens on the second opener’s approval, with a protocol that lists B’s receipt hash re-checked', async () => {
		expect(await (await as(officer).post(`/api/v1/tenders/${tenderId}/opening/approve`)).json()).toEqual({ approvals: 2, opened: true });
		const protocol = await (await as(evaluator).get(`/api/v1/tenders/${tenderId}/opening-protocol`)).json();
		expect(protocol.openers.map((o: { id: string }) => o.id)).toEqual([leader.id, officer.id]);
		expect(protocol.openedAt).toBe(clock.now().toISOString());
		const b = protocol.tenders.find((t: { receiptId: string }) => t.receiptId === receiptB.id);
		expect(b).toMatchObject({ sha256: receiptB.sha256, hashVerified: true, organisation: { name: 'Betavård AB' } });
		expect(protocol.tenders).toHaveLength(3);
		expect(protocol.tenders.every((t: { hashVerified: boolean }) => t.hashVerified)).toBe(true);
		expect(JSON.stringify(protocol)).not.toContain(CANARY);
		expect(protocol.sealedJournal.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['tender.submitted', 'tender.withdrawn']));
		const opened = await server.app.db.select().from(auditLog).where(and(eq(auditLog.initiativeId, initiativeId), eq(auditLog.action, 'tender.opened')));
		expect(opened).toHaveLength(1);
	});
});

describe('evaluation', () => {
	it('asks each evaluator for a declaration before they read any tender', async () => {
		const res = await as(leader).get(`/api/v1/tenders/${tenderId}/submissions`);
		expect(res.status).toBe(403);
		expect((await res.json()).error.code).toBe('declaration_required');
		expect((await as(leader).post(`/api/v1/tenders/${tenderId}/declarations`, { noConflict: false })).status).toBe(400);
		for (const u of [leader, officer]) expect((await as(u).post(`/api/v1/tenders/${tenderId}/declarations`, { noConflict: true })).status).toBe(201);
		const list = await (await as(leader).get(`/api/v1/tenders/${tenderId}/submissions`)).json();
		expect(JSON.stringify(list)).toContain(CANARY);
		expect(list.find((s: { id: string }) => s.id === receiptB.id).priceSek).toBe(CANARY_PRICE);
		expect((await as(b1).get(`/api/v1/tenders/${tenderId}/submissions`)).status).toBe(403);
		expect((await as(admin).get(`/api/v1/tenders/${tenderId}/submissions`)).status).toBe(404);
	});

	it('ranks by weights: price by formula, quality by the mean of the evaluators’ scores', async () => {
		const quality = criteria.find((c) => c.kind === 'quality')!;
		const price = criteria.find((c) => c.kind === 'price')!;
		const byFormula = await put(leader, `/api/v1/tenders/${tenderId}/scores`, { submissionId: receiptB.id, criterionId: price.id, score: 10, motivation: 'x' });
		expect((await byFormula.json()).error.code).toBe('price_by_formula');
		const scores: Array<[TestUser, string, number]> = [
			[leader, receiptB.id, 10],
			[officer, receiptB.id, 10],
			[leader, receiptC.id, 4],
			[officer, receiptC.id, 6]
		];
		for (const [u, submissionId, score] of scores) {
			const res = await put(u, `/api/v1/tenders/${tenderId}/scores`, { submissionId, criterionId: quality.id, score, motivation: 'Enligt kriteriet.' });
			expect(res.status).toBe(200);
		}
		const { ranking } = await (await as(officer).get(`/api/v1/tenders/${tenderId}/ranking`)).json();
		// C: lowest price 100 000 → 40 + 5/10 × 60 = 70. B: 100 000 / 271 828.5 × 40 = 14.72 + 60 = 74.72. A: 13.33 + 0.
		expect(ranking.map((r: { submissionId: string; total: number; rank: number }) => [r.submissionId, r.total, r.rank])).toEqual([
			[receiptB.id, 74.72, 1],
			[receiptC.id, 70, 2],
			[receiptA.id, 13.33, 3]
		]);
		expect(ranking[0].criteria.find((c: { criterionId: string }) => c.criterionId === quality.id)).toMatchObject({ mean: 10, consensus: true });
		expect(ranking[1].criteria.find((c: { criterionId: string }) => c.criterionId === quality.id)).toMatchObject({ mean: 5, consensus: false });
	});
});

describe('confidentiality is assessed, not assumed', () => {
	it('lets a declared evaluator grant one request and deny another, journalling only the outcome', async () => {
		expect((await put(evaluator, `/api/v1/tenders/${tenderId}/confidentiality`, { submissionId: receiptB.id, index: 0, granted: true, reason: 'Affärshemlighet.' })).status).toBe(403);
		expect((await put(officer, `/api/v1/tenders/${tenderId}/confidentiality`, { submissionId: receiptB.id, index: 0, granted: true, reason: 'Uppgifterna är affärshemligheter.' })).status).toBe(200);
		expect((await put(officer, `/api/v1/tenders/${tenderId}/confidentiality`, { submissionId: receiptB.id, index: 1, granted: false, reason: 'Allmänt känd teknik.' })).status).toBe(200);
		const bad = await put(officer, `/api/v1/tenders/${tenderId}/confidentiality`, { submissionId: receiptB.id, index: 5, granted: true, reason: 'x' });
		expect((await bad.json()).error.code).toBe('unknown_request');
		const list = await (await as(officer).get(`/api/v1/tenders/${tenderId}/submissions`)).json();
		const b = list.find((s: { id: string }) => s.id === receiptB.id);
		expect(b.confidentiality.map((c: { decision: { granted: boolean } | null }) => c.decision?.granted)).toEqual([true, false]);
		const journal = await server.app.db.select().from(auditLog).where(and(eq(auditLog.initiativeId, initiativeId), eq(auditLog.action, 'tender.confidentiality_decided')));
		expect(journal).toHaveLength(2);
		expect(JSON.stringify(journal)).not.toContain('affärshemligheter');
	});
});

describe('award and standstill', () => {
	it('publishes nothing before the award', async () => {
		const res = await as(b1).get(`/api/v1/tenders/${tenderId}/public`);
		expect((await res.json()).error.code).toBe('not_public');
	});

	it('notifies every supplier, starts a ten-day standstill and refuses the contract during it', async () => {
		const res = await as(leader).post(`/api/v1/tenders/${tenderId}/award`, { submissionId: receiptB.id, motivation: 'Högst poäng.' });
		expect(res.status).toBe(200);
		const { standstillEndsAt } = await res.json();
		expect(new Date(standstillEndsAt).getTime() - clock.now().getTime()).toBe(10 * 86_400_000);
		for (const u of [b1, c1, colleagueA]) {
			const notes = await server.app.db.select().from(notifications).where(and(eq(notifications.userId, u.id), eq(notifications.kind, 'tender.awarded')));
			expect(notes).toHaveLength(1);
		}
		const early = await as(leader).post(`/api/v1/tenders/${tenderId}/contract`);
		expect((await early.json()).error.code).toBe('standstill');
		clock.set(new Date(new Date(standstillEndsAt).getTime() + 1));
		expect((await as(leader).post(`/api/v1/tenders/${tenderId}/contract`)).status).toBe(200);
	});

	it('publishes the tenders with the parts under confidentiality replaced by a marker', async () => {
		const pub = await (await as(c1).get(`/api/v1/tenders/${tenderId}/public`)).json();
		const b = pub.tenders.find((t: { receiptId: string }) => t.receiptId === receiptB.id);
		expect(b.awarded).toBe(true);
		expect(b.answers.find((a: { requirementId: string }) => a.requirementId === 'K1').value).toMatch(/^\[Sekretess begärd av leverantören – Larmkedjans uppbyggnad\./);
		expect(b.answers.find((a: { requirementId: string }) => a.requirementId === 'K2').value).toBe('Fungerar över mobilnät.');
		expect(JSON.stringify(pub)).not.toContain(CANARY);
		const csv = await as(leader).get(`/api/v1/tenders/${tenderId}/public?format=csv`);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const text = await csv.text();
		expect(text).toContain('Larmkedjans uppbyggnad');
		expect(text).toContain('Fungerar över mobilnät.');
		expect(text).not.toContain(CANARY);
	});
});
