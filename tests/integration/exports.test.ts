/**
 * Documents for the committee and the case file, through the real server and a fresh database:
 * the brief, effect logic, conflicts register and procedure decision as DOCX and as printable
 * pages, each through the policy of the page it comes from; and the case file ZIP with the
 * journal and its chain check, every published version and every export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { testDbKind } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { addRequirement } from '../../src/lib/shapes/requirements.ts';
import { createNeed } from '../../src/lib/server/needs/index.ts';
import { createNeedSchema } from '../../src/lib/server/needs/validation.ts';
import { saveDecision } from '../../src/lib/server/advisor/index.ts';
import type { UserActor } from '../../src/lib/server/access/policy.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let server: TestServer;
let leader: TestUser;
let teammate: TestUser;
let observer: TestUser;
let expert: TestUser;
let outsider: TestUser;
let initiativeId: string;

function clientFor(u: TestUser): Client {
	const c = new Client(server.url);
	const [name, value] = u.cookie.split('=');
	c.setCookie(name, value);
	return c;
}

function actorOf(u: TestUser, orgKind: 'buyer' | 'supplier' = 'buyer'): UserActor {
	return { kind: 'user', userId: u.id, name: u.name, organisationId: u.organisationId, organisationKind: orgKind, orgAdmin: false, platformAdmin: false };
}

/** The text of the main part of a Word file (word/document.xml), tags removed. */
function docxText(bytes: Uint8Array): string {
	const files = unzipSync(bytes);
	return strFromU8(files['word/document.xml']).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

beforeAll(async () => {
	server = await startTestServer();
	const app = server.app;
	const buyer = await makeOrganisation(app, 'buyer', 'Trelleborgs kommun');
	const supplier = await makeOrganisation(app, 'supplier', 'Golvvärme AB');
	const other = await makeOrganisation(app, 'supplier', 'Annat Bolag AB');
	leader = await makeUser(app, { organisationId: buyer.id, name: 'Lina Ledare' });
	teammate = await makeUser(app, { organisationId: buyer.id, name: 'Tove Team' });
	observer = await makeUser(app, { organisationId: buyer.id, name: 'Otto Observatör' });
	expert = await makeUser(app, { organisationId: supplier.id, name: 'Eja Expert' });
	outsider = await makeUser(app, { organisationId: other.id, name: 'Ulf Utanför' });
	initiativeId = (await makeInitiative(app, leader, 'Torra golv i Trelleborg')).id;
	await app.db.execute(sql`insert into initiative_organisations (initiative_id, organisation_id) values (${initiativeId}, ${buyer.id})`);
	await addMember(app, initiativeId, teammate.id, 'team');
	await addMember(app, initiativeId, observer.id, 'observer');
	await addMember(app, initiativeId, expert.id, 'team');

	// The brief, written by the leader and the teammate through the live-document server.
	await app.liveDocs!.change(`brief.${initiativeId}`, { userId: leader.id, organisationId: buyer.id }, (doc) => {
		const h = new Y.XmlElement('heading');
		h.setAttribute('level', 2 as unknown as string);
		h.insert(0, [new Y.XmlText('Bakgrund')]);
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText('Hallarna blir blöta varje vinter.')]);
		doc.getXmlFragment('default').insert(0, [h, p]);
	});
	await app.liveDocs!.change(`brief.${initiativeId}`, { userId: teammate.id, organisationId: buyer.id }, (doc) => {
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText('Budget 300 000 kronor.')]);
		doc.getXmlFragment('default').insert(2, [p]);
	});
	// Requirements, one of them written by the supplier's expert (which bars the supplier).
	await app.liveDocs!.change(`requirements.${initiativeId}`, { userId: teammate.id, organisationId: buyer.id }, (doc) => {
		addRequirement(doc, { uid: 'u-dry', kind: 'function', obligation: 'ska', text: 'Golvet ska vara torrt inom 10 minuter' });
	});
	await app.liveDocs!.change(`requirements.${initiativeId}`, { userId: expert.id, organisationId: supplier.id }, (doc) => {
		addRequirement(doc, { uid: 'u-mat', kind: 'function', obligation: 'bor', text: 'Mattan bör kunna tvättas' });
	});
	const need = await createNeed(app, actorOf(teammate), initiativeId, createNeedSchema.parse({ title: 'Torra hallar', statement: 'Hallarna ska vara torra.' }));
	const put = await clientFor(teammate).request('PUT', `/api/v1/initiatives/${initiativeId}/needs/effect-logic`, {
		activities: [{ id: 'a1', text: 'Pröva avskrapningszoner', links: [need.id] }],
		outputs: [{ id: 'o1', text: 'Zoner vid tre entréer', links: ['a1'] }],
		outcomes: [],
		impacts: []
	});
	expect(put.status).toBe(200);
	// Versions are published by the process leader (or a procurement officer).
	for (const note of ['Inför RFI', 'Efter dialog']) {
		expect((await clientFor(leader).post(`/api/v1/initiatives/${initiativeId}/requirements/versions`, { note })).status).toBe(201);
	}
}, 120_000);

afterAll(async () => {
	await server?.stop();
});

describe(`committee documents on ${testDbKind()}`, () => {
	it('serves the brief as DOCX with who edited it, not how many updates', async () => {
		const res = await clientFor(observer).get(`/api/v1/initiatives/${initiativeId}/exports/brief`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(DOCX);
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="projektdirektiv-torra-golv-i-trelleborg.docx"');
		const text = docxText(new Uint8Array(await res.arrayBuffer()));
		expect(text).toContain('Projektdirektiv – Torra golv i Trelleborg');
		expect(text).toContain('Bakgrund');
		expect(text).toContain('Hallarna blir blöta varje vinter.');
		expect(text).toContain('Budget 300 000 kronor.');
		expect(text).toMatch(/Senast ändrat .* av Tove Team\. Har skrivit: Tove Team, Lina Ledare\./);
		expect(text).not.toMatch(/ändringar/);
	});

	it('serves the effect logic with every step traced back', async () => {
		const res = await clientFor(observer).get(`/api/v1/initiatives/${initiativeId}/exports/effect-logic`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(DOCX);
		const text = docxText(new Uint8Array(await res.arrayBuffer()));
		expect(text).toContain('Pröva avskrapningszoner Torra hallar');
		expect(text).toContain('Zoner vid tre entréer Pröva avskrapningszoner');
	});

	it('serves the conflicts register to the buyer team only: observers and outsiders get 404', async () => {
		const res = await clientFor(teammate).get(`/api/v1/initiatives/${initiativeId}/exports/conflicts`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(DOCX);
		const text = docxText(new Uint8Array(await res.arrayBuffer()));
		expect(text).toContain('Golvvärme AB');
		expect(text).toContain('Eja Expert');
		expect(text).toContain('Kravspecifikationen');
		expect((await clientFor(observer).get(`/api/v1/initiatives/${initiativeId}/exports/conflicts`)).status).toBe(404);
		expect((await clientFor(outsider).get(`/api/v1/initiatives/${initiativeId}/exports/conflicts`)).status).toBe(404);
		expect((await clientFor(outsider).get(`/api/v1/initiatives/${initiativeId}/exports/brief`)).status).toBe(404);
	});

	it('says so when no procedure has been chosen, then serves the decision once it is', async () => {
		const before = await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/exports/procedure`);
		expect(before.status).toBe(404);
		expect((await before.json()).error).toEqual({ code: 'not_found', message: 'Inget förfarande har valts ännu.' });
		await saveDecision(server.app.db, actorOf(teammate), initiativeId, {
			procedure: 'direct_award',
			reasoning: 'Piloten är liten och brådskar inför vintern.',
			directAwardReason: 'Värdet är under direktupphandlingsgränsen.',
			estimatedValueSek: 300_000,
			purchaseKind: 'services',
			buyerKind: 'municipality_region',
			marketSituation: 'exists',
			needsRnd: false,
			fit: 'good',
			thresholdsUsed: [{ name: 'direct_award', sek: 700_000, validFrom: '2022-02-01', validTo: null, reviewBy: '2024-02-01', reviewOverdue: true, source: 'LOU 19 kap. 2 §' }],
			decidedAt: new Date().toISOString(),
			decidedBy: { id: teammate.id, name: teammate.name }
		});
		const res = await clientFor(observer).get(`/api/v1/initiatives/${initiativeId}/exports/procedure`);
		expect(res.status).toBe(200);
		const text = docxText(new Uint8Array(await res.arrayBuffer()));
		expect(text).toContain('Valt förfarande: Direktupphandling');
		expect(text).toContain('Värdet är under direktupphandlingsgränsen.');
		expect(text).toContain('LOU 19 kap. 2 §');
	});

	it('answers 404 for an unknown kind of document, and 405 for writes', async () => {
		expect((await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/exports/salary-list`)).status).toBe(404);
		expect((await clientFor(leader).post(`/api/v1/initiatives/${initiativeId}/exports/brief`, {})).status).toBe(405);
	});

	it('renders the same documents as printable pages, through the same policy', async () => {
		const html = async (u: TestUser, kind: string) => clientFor(u).request('GET', `/initiatives/${initiativeId}/print/${kind}`, undefined, { accept: 'text/html' });
		const brief = await html(observer, 'brief');
		expect(brief.status).toBe(200);
		const page = await brief.text();
		expect(page).toContain('Hallarna blir blöta varje vinter.');
		expect(page).toContain(`/api/v1/initiatives/${initiativeId}/exports/brief`);
		expect((await html(teammate, 'conflicts')).status).toBe(200);
		expect((await html(observer, 'conflicts')).status).toBe(404);
		expect((await html(outsider, 'brief')).status).toBe(404);
	});
});

describe(`the case file on ${testDbKind()}`, () => {
	it('is a ZIP with an index, the journal with its chain check, every published version and every export', async () => {
		// The journal as its own CSV export gives it, just before the case file is made.
		const journalCsv = new Uint8Array(await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/audit?format=csv`)).arrayBuffer());
		const res = await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/case-file`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/zip');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="akt-torra-golv-i-trelleborg-\d{4}-\d{2}-\d{2}\.zip"$/);
		const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
		const names = Object.keys(files).sort();
		expect(names).toEqual(
			[
				'LASMIG.txt',
				'dokument/behovsregister.csv',
				'dokument/behovsregister.docx',
				'dokument/effektlogik-torra-golv-i-trelleborg.docx',
				'dokument/forfarande-torra-golv-i-trelleborg.docx',
				'dokument/javsregister-torra-golv-i-trelleborg.docx',
				'dokument/projektdirektiv-torra-golv-i-trelleborg.docx',
				'journal/journal.csv',
				'journal/kedjekontroll.json',
				'kravspecifikation/version-1.docx',
				'kravspecifikation/version-1.json',
				'kravspecifikation/version-2.docx',
				'kravspecifikation/version-2.json'
			].sort()
		);

		const index = strFromU8(files['LASMIG.txt']);
		expect(index).toContain('Akt för initiativet "Torra golv i Trelleborg"');
		expect(index).toContain('Kedjekontroll: OK.');
		// Every file is listed with the hash of exactly the bytes in the ZIP.
		for (const name of names.filter((n) => n !== 'LASMIG.txt')) {
			expect(index).toContain(`${name}\r\n`);
			expect(index).toContain(`SHA-256 ${createHash('sha256').update(files[name]).digest('hex')}`);
		}

		// UTF-8 with a byte-order mark, so spreadsheet programs read å, ä and ö.
		expect([...files['journal/journal.csv'].slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		// The same CSV as the journal's own export: one CSV writer for both.
		expect(strFromU8(files['journal/journal.csv'])).toBe(strFromU8(journalCsv));
		const chain = JSON.parse(strFromU8(files['journal/kedjekontroll.json']));
		expect(chain).toMatchObject({ ok: true });
		expect(chain.entries).toBeGreaterThan(3);

		// The published versions are byte-identical to what the API serves, hash included.
		for (const n of [1, 2]) {
			const served = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/${n}`)).text();
			const inZip = strFromU8(files[`kravspecifikation/version-${n}.json`]);
			expect(inZip).toBe(served);
			expect(index).toContain(`dess SHA-256 ska vara ${createHash('sha256').update(inZip).digest('hex')}`);
		}
		expect(docxText(files['dokument/projektdirektiv-torra-golv-i-trelleborg.docx'])).toContain('Budget 300 000 kronor.');
		expect(docxText(files['dokument/javsregister-torra-golv-i-trelleborg.docx'])).toContain('Golvvärme AB');
	});

	it('journals the download, and the chain still holds afterwards', async () => {
		const entries = (await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/audit`)).json()).entries as Array<{ action: string; actor: { label: string }; data: { files: string[]; chainOk: boolean } }>;
		const exported = entries.filter((e) => e.action === 'case_file.exported');
		expect(exported).toHaveLength(1);
		expect(exported[0].actor.label).toBe('Lina Ledare');
		expect(exported[0].data.chainOk).toBe(true);
		expect(exported[0].data.files).toContain('journal/journal.csv');
		const files = unzipSync(new Uint8Array(await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/case-file`)).arrayBuffer()));
		expect(JSON.parse(strFromU8(files['journal/kedjekontroll.json'])).ok).toBe(true);
	});

	it('is refused with 404 to those who may not read the journal: team members, a supplier expert on the team, observers and outsiders', async () => {
		for (const u of [teammate, expert, observer, outsider]) {
			const res = await clientFor(u).get(`/api/v1/initiatives/${initiativeId}/case-file`);
			expect(res.status, u.name).toBe(404);
			expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		}
		expect((await new Client(server.url).get(`/api/v1/initiatives/${initiativeId}/case-file`)).status).toBe(401);
		expect((await clientFor(leader).get('/api/v1/initiatives/not-a-uuid/case-file')).status).toBe(404);
	});
});
