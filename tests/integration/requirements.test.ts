/**
 * Requirements, versions, the conflicts register and the procedure advisor against the real
 * server (built SvelteKit handler + live-document endpoint) and a fresh database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { liveClient, rawSocket, until, type LiveClient } from '../helpers/live.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, removeMember, type TestUser } from '../factories/collab.ts';
import { addRequirement, indexOfUid, requirementsArray } from '../../src/lib/shapes/requirements.ts';
import * as Y from 'yjs';
import * as audit from '../../src/lib/server/audit/index.ts';
import { platformAdmin } from './requirements.helpers.ts';
import { thresholdAt } from '../../src/lib/server/advisor/index.ts';

let server: TestServer;
let leader: TestUser;
let teammate: TestUser;
/** A team member labelled procurement officer: with the process leader, the one who publishes. */
let officer: TestUser;
let observer: TestUser;
let expert: TestUser;
let outsider: TestUser;
let supplierOrg: { id: string; name: string };
let initiativeId: string;
const live: LiveClient[] = [];

function clientFor(u: TestUser | null): Client {
	const c = new Client(server.url);
	if (u) {
		const [name, value] = u.cookie.split('=');
		c.setCookie(name, value);
	}
	return c;
}

const docName = () => `requirements.${initiativeId}`;

type Run = string | { text: string; marks: Record<string, object | null> };
/**
 * Replaces a requirement's rich text the way the Tiptap editor writes it: paragraphs of text runs
 * with bold/italic marks as formatting attributes, and bullet lists of list items.
 */
function writeRich(fragment: Y.XmlFragment, blocks: Array<Run[] | { bullets: string[] }>) {
	fragment.delete(0, fragment.length);
	const fill: Array<() => void> = [];
	const elements = blocks.map((block) => {
		if (!Array.isArray(block)) {
			const list = new Y.XmlElement('bulletList');
			list.insert(
				0,
				block.bullets.map((line) => {
					const item = new Y.XmlElement('listItem');
					const p = new Y.XmlElement('paragraph');
					p.insert(0, [new Y.XmlText(line)]);
					item.insert(0, [p]);
					return item;
				})
			);
			return list;
		}
		const p = new Y.XmlElement('paragraph');
		const t = new Y.XmlText();
		p.insert(0, [t]);
		fill.push(() => {
			let at = 0;
			for (const run of block) {
				const text = typeof run === 'string' ? run : run.text;
				// Explicit null marks end a formatting run (Yjs would otherwise extend it).
				const marks = typeof run === 'string' ? { bold: null, italic: null } : { bold: null, italic: null, ...run.marks };
				t.insert(at, text, marks);
				at += text.length;
			}
		});
		return p;
	});
	fragment.insert(0, elements);
	for (const f of fill) f();
}

function richTextOf(doc: Y.Doc, uid: string): Y.XmlFragment {
	return requirementsArray(doc).get(indexOfUid(doc, uid)).get('text') as Y.XmlFragment;
}

beforeAll(async () => {
	server = await startTestServer();
	const app = server.app;
	const buyer = await makeOrganisation(app, 'buyer', 'Ystads kommun');
	supplierOrg = await makeOrganisation(app, 'supplier', 'Larmbolaget AB');
	const otherSupplier = await makeOrganisation(app, 'supplier', 'Konkurrenten AB');
	leader = await makeUser(app, { organisationId: buyer.id, name: 'Lea Processledare' });
	teammate = await makeUser(app, { organisationId: buyer.id, name: 'Tom Teammedlem' });
	officer = await makeUser(app, { organisationId: buyer.id, name: 'Ulrika Upphandlare' });
	observer = await makeUser(app, { organisationId: buyer.id, name: 'Olle Politiker' });
	expert = await makeUser(app, { organisationId: supplierOrg.id, name: 'Erik Expert' });
	outsider = await makeUser(app, { organisationId: otherSupplier.id, name: 'Ulla Utomstående' });
	const ini = await makeInitiative(app, leader);
	initiativeId = ini.id;
	await app.db.execute(sql`insert into initiative_organisations (initiative_id, organisation_id) values (${initiativeId}, ${buyer.id})`);
	await addMember(app, initiativeId, teammate.id, 'team');
	await addMember(app, initiativeId, officer.id, 'team');
	await app.db.execute(sql`update memberships set label = 'procurement_officer' where initiative_id = ${initiativeId} and user_id = ${officer.id}`);
	await addMember(app, initiativeId, observer.id, 'observer');
	await addMember(app, initiativeId, expert.id, 'team');
});

afterAll(async () => {
	for (const l of live) l.destroy();
	await server?.stop();
});

describe('the requirements draft', () => {
	it('is served as JSON from the live document, with stable ids K1, K2 …', async () => {
		await server.app.liveDocs!.change(docName(), { userId: leader.id, organisationId: leader.organisationId }, (doc) => {
			addRequirement(doc, { uid: 'u-alarm', kind: 'function', obligation: 'ska', text: 'Larmet ska nå personal inom 5 minuter', rationale: 'Fallolyckor', verification: 'Test i pilot' });
			addRequirement(doc, { uid: 'u-mobile', kind: 'usability', obligation: 'bor', text: 'Fungerar i mobilen' });
		});
		const res = await clientFor(teammate).get(`/api/v1/initiatives/${initiativeId}/requirements`);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.requirements).toEqual([
			{ id: 'K1', uid: 'u-alarm', kind: 'function', obligation: 'ska', text: 'Larmet ska nå personal inom 5 minuter', rationale: 'Fallolyckor', needIds: [], verification: 'Test i pilot', section: null },
			{ id: 'K2', uid: 'u-mobile', kind: 'usability', obligation: 'bor', text: 'Fungerar i mobilen', rationale: '', needIds: [], verification: '', section: null }
		]);
	});

	it('refuses to publish an empty draft', async () => {
		const other = await makeInitiative(server.app, leader, 'Tom specifikation');
		const res = await clientFor(leader).post(`/api/v1/initiatives/${other.id}/requirements/versions`, {});
		expect(res.status).toBe(409);
		expect((await res.json()).error.code).toBe('empty_draft');
	});

	it('is readable by observers, who may not publish', async () => {
		expect((await clientFor(observer).get(`/api/v1/initiatives/${initiativeId}/requirements`)).status).toBe(200);
		const res = await clientFor(observer).post(`/api/v1/initiatives/${initiativeId}/requirements/versions`, {});
		expect(res.status).toBe(403);
		expect((await res.json()).error.code).toBe('forbidden');
	});

	it('is hidden from suppliers outside the team (404) and from anonymous callers (401)', async () => {
		const res = await clientFor(outsider).get(`/api/v1/initiatives/${initiativeId}/requirements`);
		expect(res.status).toBe(404);
		expect((await res.json()).error.code).toBe('not_found');
		expect((await clientFor(null).get(`/api/v1/initiatives/${initiativeId}/requirements`)).status).toBe(401);
		const sock = await rawSocket(server.url, `/yjs/${docName()}`, { origin: server.url, cookie: outsider.cookie });
		expect(sock.kind).toBe('refused');
	});

	it('answers unknown and malformed ids with 404', async () => {
		expect((await clientFor(leader).get(`/api/v1/initiatives/${randomUUID()}/requirements`)).status).toBe(404);
		expect((await clientFor(leader).get(`/api/v1/initiatives/not-a-uuid/requirements`)).status).toBe(404);
	});
});

describe('authorship and the conflicts register', () => {
	it('bars the organisation of a supplier expert who edits the requirements over the live socket', async () => {
		const client = liveClient(server.url, docName(), { cookie: expert.cookie });
		live.push(client);
		await client.synced;
		await until(() => requirementsArray(client.doc).length === 2, 5000, 'draft synced to the expert');
		client.doc.transact(() => addRequirement(client.doc, { uid: 'u-expert', text: 'Sensorn av märket X ska användas' }));
		await until(async () => {
			const r = await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements`);
			return (await r.json()).requirements.length === 3;
		}, 5000, 'expert edit stored');

		const res = await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/conflicts`);
		expect(res.status).toBe(200);
		const register = await res.json();
		expect(register).toHaveLength(1);
		expect(register[0]).toMatchObject({
			organisation: { id: supplierOrg.id, name: 'Larmbolaget AB', kind: 'supplier' },
			users: [{ id: expert.id, name: 'Erik Expert' }],
			level: 'barred'
		});
		expect(register[0].evidence[0]).toMatchObject({ docName: docName() });
		expect(register[0].evidence[0].updates).toBeGreaterThanOrEqual(1);
		expect(Date.parse(register[0].evidence[0].firstAt)).not.toBeNaN();
	});

	it('journals a newly barred organisation exactly once', async () => {
		await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/conflicts`);
		const entries = await audit.list(server.app.db, initiativeId);
		const barred = entries.filter((e) => e.action === 'conflict.barred');
		expect(barred).toHaveLength(1);
		expect(barred[0].data).toMatchObject({ organisationId: supplierOrg.id, userId: expert.id, evidence: [docName()] });
	});

	it('journals each further person of a barred organisation when they start writing', async () => {
		const colleague = await makeUser(server.app, { organisationId: supplierOrg.id, name: 'Karin Kollega' });
		await addMember(server.app, initiativeId, colleague.id, 'team');
		await server.app.liveDocs!.change(docName(), { userId: colleague.id, organisationId: supplierOrg.id }, (doc) => {
			const t = requirementsArray(doc).get(indexOfUid(doc, 'u-expert')).get('rationale') as Y.Text;
			t.insert(0, 'Beprövad teknik');
		});
		const register = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/conflicts`)).json();
		expect(register[0].users.map((u: { name: string }) => u.name).sort()).toEqual(['Erik Expert', 'Karin Kollega']);
		const barred = (await audit.list(server.app.db, initiativeId)).filter((e) => e.action === 'conflict.barred');
		expect(barred.map((e) => e.data.userId)).toEqual([expert.id, colleague.id]);
		await removeMember(server.app, initiativeId, colleague.id);
	});

	it('never bars buyer organisations, and flags suppliers who only wrote earlier work', async () => {
		await server.app.liveDocs!.change(`brief.${initiativeId}`, { userId: outsider.id, organisationId: outsider.organisationId }, (doc) => {
			doc.getText('notes').insert(0, 'Bakgrund');
		});
		const register = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/conflicts`)).json();
		expect(register.map((e: { level: string; organisation: { name: string } }) => [e.level, e.organisation.name])).toEqual([
			['barred', 'Larmbolaget AB'],
			['flagged', 'Konkurrenten AB']
		]);
		expect(register[1].evidence).toEqual([expect.objectContaining({ docName: `brief.${initiativeId}`, updates: 1 })]);
	});

	it('flags a supplier team member who adds to the needs register', async () => {
		const org = await makeOrganisation(server.app, 'supplier', 'Behovsbolaget AB');
		const helper = await makeUser(server.app, { organisationId: org.id, name: 'Hanna Hjälpare' });
		await addMember(server.app, initiativeId, helper.id, 'team');
		const need = await clientFor(helper).post(`/api/v1/initiatives/${initiativeId}/needs`, { title: 'Färre fall nattetid', statement: 'Personalen behöver veta när någon har fallit.' });
		expect(need.status).toBe(201);
		const register = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/conflicts`)).json();
		const entry = register.find((e: { organisation: { id: string } }) => e.organisation.id === org.id);
		expect(entry).toMatchObject({ level: 'flagged', users: [{ id: helper.id, name: 'Hanna Hjälpare' }] });
		expect(entry.evidence).toEqual([expect.objectContaining({ source: 'needs' })]);
		await removeMember(server.app, initiativeId, helper.id);
	});

	it('is not shown to observers', async () => {
		expect((await clientFor(observer).get(`/api/v1/initiatives/${initiativeId}/conflicts`)).status).toBe(404);
	});
});

describe('published versions', () => {
	let v1: { version: number; publishedAt: string; sha256: string };
	let v1Text: string;

	it('may not be published by a team member who is not procurement officer (403), who may still edit the draft', async () => {
		const base = `/api/v1/initiatives/${initiativeId}/requirements`;
		const res = await clientFor(teammate).post(`${base}/versions`, { note: 'Inför RFI' });
		expect(res.status).toBe(403);
		expect((await res.json()).error.code).toBe('forbidden');
		expect((await clientFor(teammate).get(`${base}/publish-preview`)).status).toBe(403);
		expect((await clientFor(teammate).get(`${base}/versions`)).status).toBe(200);
		const page = await (await clientFor(teammate).get(`/initiatives/${initiativeId}/requirements`)).text();
		expect(page).toContain('Versioner publiceras av processledaren');
		expect(page).not.toContain('Publicera version …');
	});

	it('shows the procurement officer what publishing would freeze', async () => {
		const res = await clientFor(officer).get(`/api/v1/initiatives/${initiativeId}/requirements/publish-preview`);
		expect(res.status).toBe(200);
		const preview = await res.json();
		expect(preview).toMatchObject({ nextVersion: 1, openComments: 0 });
		expect(preview.requirements).toBe(preview.unlinked.length);
		expect(preview.unlinked).toContain('K1');
	});

	it('freezes the draft as version 1 with its hash, published by the procurement officer', async () => {
		const res = await clientFor(officer).post(`/api/v1/initiatives/${initiativeId}/requirements/versions`, { note: 'Inför RFI' });
		expect(res.status).toBe(201);
		v1 = await res.json();
		expect(v1.version).toBe(1);
		expect(v1.sha256).toMatch(/^[0-9a-f]{64}$/);
		const got = await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/1`);
		expect(got.status).toBe(200);
		v1Text = await got.text();
		expect(createHash('sha256').update(v1Text).digest('hex')).toBe(v1.sha256);
		const frozen = JSON.parse(v1Text);
		expect(frozen.requirements.map((r: { id: string }) => r.id)).toEqual(['K1', 'K2', 'K3']);
		// The version carries both axes of each requirement's type, and no old single type.
		expect(frozen.requirements[0]).toMatchObject({ kind: 'function', obligation: 'ska' });
		expect(frozen.requirements[1]).toMatchObject({ kind: 'usability', obligation: 'bor' });
		expect(frozen.requirements.some((r: object) => 'type' in r)).toBe(false);
		const entries = await audit.list(server.app.db, initiativeId);
		expect(entries.find((e) => e.action === 'requirements.version_published')?.data).toMatchObject({ version: 1, unlinked: ['K1', 'K2', 'K3'] });
	});

	it('stays byte-identical after further edits and a new version', async () => {
		await server.app.liveDocs!.change(docName(), { userId: teammate.id, organisationId: teammate.organisationId }, (doc) => {
			const arr = requirementsArray(doc);
			// A rich edit: new wording with formatting.
			writeRich(richTextOf(doc, 'u-alarm'), [[{ text: 'Larmet', marks: { italic: {} } }, ' ska nå personal inom ', { text: '2', marks: { bold: {} } }, ' minuter']]);
			arr.delete(indexOfUid(doc, 'u-mobile'), 1);
			addRequirement(doc, { uid: 'u-wcag', obligation: 'ska', text: 'Gränssnittet ska uppfylla WCAG 2.1 AA' });
		});
		const res = await clientFor(leader).post(`/api/v1/initiatives/${initiativeId}/requirements/versions`, {});
		expect(res.status).toBe(201);
		expect((await res.json()).version).toBe(2);
		const again = await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/1`);
		expect(await again.text()).toBe(v1Text);
	});

	it('serves the rich text as plain text and keeps both versions byte-identical after rich edits', async () => {
		const before = await Promise.all([1, 2].map(async (n) => (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/${n}`)).text()));
		const client = liveClient(server.url, docName(), { cookie: teammate.cookie });
		live.push(client);
		await client.synced;
		await until(() => indexOfUid(client.doc, 'u-wcag') >= 0, 5000, 'draft synced to the teammate');
		client.doc.transact(() =>
			writeRich(richTextOf(client.doc, 'u-wcag'), [
				['Gränssnittet ', { text: 'ska', marks: { bold: {} } }, ' uppfylla ', { text: 'WCAG 2.1 AA', marks: { italic: {} } }, ':'],
				{ bullets: ['med tangentbord', 'med skärmläsare'] }
			])
		);
		const expected = 'Gränssnittet ska uppfylla WCAG 2.1 AA:\n• med tangentbord\n• med skärmläsare';
		const draft = await until(async () => {
			const body = await (await clientFor(observer).get(`/api/v1/initiatives/${initiativeId}/requirements`)).json();
			const wcag = body.requirements.find((r: { uid: string }) => r.uid === 'u-wcag');
			return wcag?.text === expected ? body : null;
		}, 5000, 'rich edit stored');
		expect(JSON.stringify(draft)).not.toMatch(/<|bold|italic|paragraph/);
		const after = await Promise.all([1, 2].map(async (n) => (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/${n}`)).text()));
		expect(after).toEqual(before);
		expect(JSON.parse(after[1]).requirements.find((r: { uid: string }) => r.uid === 'u-wcag').text).toBe('Gränssnittet ska uppfylla WCAG 2.1 AA');
	});

	it('still reads requirements written before rich text (a plain Y.Text)', async () => {
		await server.app.liveDocs!.change(docName(), { userId: leader.id, organisationId: leader.organisationId }, (doc) => {
			requirementsArray(doc).get(indexOfUid(doc, 'u-alarm')).set('text', new Y.Text('Larmet ska nå personal inom 2 minuter'));
		});
		const body = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements`)).json();
		expect(body.requirements.find((r: { uid: string }) => r.uid === 'u-alarm').text).toBe('Larmet ska nå personal inom 2 minuter');
	});

	it('refuses to change or delete a published version, even for the app itself', async () => {
		await expect(server.app.db.execute(sql`update requirement_versions set content = '{}'`)).rejects.toThrow();
		await expect(server.app.db.execute(sql`delete from requirement_versions`)).rejects.toThrow();
	});

	it('compares two versions: added, removed and changed requirements with the text change', async () => {
		const res = await clientFor(observer).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/1/diff/2`);
		expect(res.status).toBe(200);
		const d = await res.json();
		expect(d.added.map((r: { id: string }) => r.id)).toEqual(['K4']);
		expect(d.removed.map((r: { id: string }) => r.id)).toEqual(['K2']);
		expect(d.changed).toHaveLength(1);
		expect(d.changed[0].id).toBe('K1');
		const text = d.changed[0].changes.find((c: { field: string }) => c.field === 'text');
		expect(text.from).toBe('Larmet ska nå personal inom 5 minuter');
		expect(text.to).toBe('Larmet ska nå personal inom 2 minuter');
		expect(text.parts.filter((p: { op: string }) => p.op !== 'same')).toEqual([
			{ op: 'removed', text: '5' },
			{ op: 'added', text: '2' }
		]);
	});

	it('lists versions and exports one as DOCX', async () => {
		const list = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/versions`)).json();
		expect(list.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
		const docx = await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/1/docx`);
		expect(docx.status).toBe(200);
		expect(docx.headers.get('content-disposition')).toMatch(/^attachment;/);
		const bytes = new Uint8Array(await docx.arrayBuffer());
		expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a ZIP container
	});

	it('limits DOCX exports per person (30 in 10 minutes)', async () => {
		const c = clientFor(teammate);
		const path = `/api/v1/initiatives/${initiativeId}/requirements/versions/2/docx`;
		for (let i = 0; i < 30; i++) expect((await c.get(path)).status).toBe(200);
		const limited = await c.get(path);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await limited.json()).error.code).toBe('rate_limited');
		expect((await clientFor(leader).get(path)).status).toBe(200);
	});

	it('answers unknown versions and bad input with API errors, never 500', async () => {
		const c = clientFor(leader);
		const base = `/api/v1/initiatives/${initiativeId}/requirements/versions`;
		expect((await c.get(`${base}/99`)).status).toBe(404);
		expect((await c.get(`${base}/abc`)).status).toBe(404);
		expect((await c.get(`${base}/1/diff/0`)).status).toBe(404);
		expect((await c.request('POST', base, '{"note":', { 'content-type': 'application/json' })).status).toBe(400);
		expect((await c.request('POST', base, 'hej', { 'content-type': 'text/plain' })).status).toBe(415);
		const wrong = await c.post(base, { note: 42 });
		expect(wrong.status).toBe(400);
		expect((await wrong.json()).error.code).toBe('invalid_request');
	});
});

describe('a supplier expert removed from the team', () => {
	it('loses the draft through every route: API, versions, exports, page and live socket', async () => {
		const c = clientFor(expert);
		expect((await c.get(`/api/v1/initiatives/${initiativeId}/requirements`)).status).toBe(200);
		const open = live[0];
		await removeMember(server.app, initiativeId, expert.id);
		server.app.events.emit('access-changed', { initiativeId, userId: expert.id, reason: 'member.removed' });

		await until(() => open.closes.length > 0, 5000, 'open socket closed');
		const base = `/api/v1/initiatives/${initiativeId}`;
		for (const path of [
			`${base}/requirements`,
			`${base}/requirements/versions`,
			`${base}/requirements/versions/1`,
			`${base}/requirements/versions/1/docx`,
			`${base}/requirements/versions/1/diff/2`,
			`${base}/requirements/comments`,
			`${base}/conflicts`
		]) {
			expect([path, (await c.get(path)).status]).toEqual([path, 404]);
		}
		expect((await c.post(`${base}/requirements/versions`, {})).status).toBe(404);
		for (const page of [`/initiatives/${initiativeId}/requirements`, `/initiatives/${initiativeId}/requirements/versions/1/print`, `/initiatives/${initiativeId}/conflicts`]) {
			const res = await c.get(page);
			expect([page, res.status]).toEqual([page, 404]);
			expect(await res.text()).not.toContain('Larmet ska nå personal');
		}
		const sock = await rawSocket(server.url, `/yjs/${docName()}`, { origin: server.url, cookie: expert.cookie });
		expect(sock.kind).toBe('refused');
	});

	it('stays barred: the register keeps their organisation after removal', async () => {
		const register = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/conflicts`)).json();
		expect(register[0]).toMatchObject({ level: 'barred', organisation: { id: supplierOrg.id } });
	});
});

describe('comments on requirements', () => {
	it('lets the team discuss a requirement, and keeps observers to reading', async () => {
		const base = `/api/v1/initiatives/${initiativeId}/requirements/comments`;
		const res = await clientFor(teammate).post(base, { requirementUid: 'u-alarm', body: 'Är två minuter rimligt nattetid?' });
		expect(res.status).toBe(201);
		expect((await clientFor(observer).post(base, { requirementUid: 'u-alarm', body: 'Hej' })).status).toBe(403);
		const list = await (await clientFor(observer).get(`${base}?requirement=u-alarm`)).json();
		expect(list.comments).toEqual([expect.objectContaining({ body: 'Är två minuter rimligt nattetid?', author: { id: teammate.id, name: 'Tom Teammedlem' } })]);
	});
});

describe('the procedure advisor', () => {
	it('uses the dated thresholds and adds up same-kind initiatives of the organisation this year', async () => {
		await server.app.db.execute(sql`update initiatives set purchase_kind = 'services', estimated_value_sek = 400000 where id = ${initiativeId}`);
		const res = await clientFor(leader).post('/api/v1/procedure-advice', {
			estimatedValueSek: 350000,
			purchaseKind: 'services',
			buyerKind: 'municipality_region',
			marketSituation: 'exists',
			needsRnd: false
		});
		expect(res.status).toBe(200);
		const advice = await res.json();
		expect(advice.thresholdsUsed).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: 'direct_award', sek: 700000, validFrom: '2022-02-01' }),
				expect.objectContaining({ name: 'eu_threshold', sek: 2389585, validFrom: '2024-01-01' })
			])
		);
		expect(advice.aggregation).toMatchObject({ sameKindSek: 400000, remainingUnderDirectAwardSek: 0 });
		const direct = advice.recommendations.find((r: { procedure: string }) => r.procedure === 'direct_award');
		expect(direct.fit).toBe('unsuitable');
		expect(advice.warnings.map((w: { code: string }) => w.code)).toContain('splitting_forbidden');
		expect(direct.pros.length).toBeGreaterThan(0);
		expect(typeof direct.minimumWeeks).toBe('number');
	});

	it('does not count the initiative being advised on twice', async () => {
		const res = await clientFor(leader).post('/api/v1/procedure-advice', {
			estimatedValueSek: 400000, purchaseKind: 'services', buyerKind: 'municipality_region', marketSituation: 'exists', needsRnd: false, initiativeId
		});
		const advice = await res.json();
		expect(advice.aggregation).toMatchObject({ sameKindSek: 0, remainingUnderDirectAwardSek: 300000 });
		expect(advice.recommendations[0]).toMatchObject({ procedure: 'direct_award', fit: 'good', requiresReason: true });
	});

	it('validates its input and hides initiatives the caller cannot see', async () => {
		const bad = await clientFor(leader).post('/api/v1/procedure-advice', { estimatedValueSek: -1, purchaseKind: 'services', buyerKind: 'municipality_region', marketSituation: 'exists', needsRnd: false });
		expect(bad.status).toBe(400);
		const hidden = await clientFor(outsider).post('/api/v1/procedure-advice', {
			estimatedValueSek: 1, purchaseKind: 'goods', buyerKind: 'municipality_region', marketSituation: 'exists', needsRnd: false, initiativeId
		});
		expect(hidden.status).toBe(404);
		expect((await clientFor(null).post('/api/v1/procedure-advice', {})).status).toBe(401);
	});

	it('lets only platform administrators edit thresholds, and journals the change', async () => {
		const row = { name: 'direct_award', buyerKind: null, purchaseKind: 'goods', sek: 750000, validFrom: '2030-01-01', validTo: null, source: 'Test: ändrad lag' };
		expect((await clientFor(leader).post('/api/v1/thresholds', row)).status).toBe(403);
		const admin = await platformAdmin(server.app);
		const created = await clientFor(admin).post('/api/v1/thresholds', row);
		expect(created.status).toBe(201);
		const { id } = await created.json();
		expect((await clientFor(admin).request('PUT', `/api/v1/thresholds/${id}`, { ...row, validTo: '2029-01-01' })).status).toBe(400);
		expect((await clientFor(admin).request('PUT', `/api/v1/thresholds/${id}`, { ...row, sek: 760000 })).status).toBe(200);
		const list = await (await clientFor(leader).get('/api/v1/thresholds')).json();
		expect(list.thresholds.find((t: { id: number }) => t.id === id)).toMatchObject({ sek: 760000, validFrom: '2030-01-01' });
		expect((await clientFor(admin).delete(`/api/v1/thresholds/${id}`)).status).toBe(204);
		expect((await clientFor(admin).delete(`/api/v1/thresholds/${id}`)).status).toBe(404);
		const platform = await server.app.db.execute(sql`select action from audit_log where initiative_id is null and action like 'threshold.%' order by id`);
		const rows = (Array.isArray(platform) ? platform : (platform as unknown as { rows: unknown[] }).rows) as Array<{ action: string }>;
		expect(rows.map((r) => r.action)).toEqual(['threshold.created', 'threshold.updated', 'threshold.deleted']);
	});
});

describe('the seeded thresholds, as dated data', () => {
	it.each([
		['direct_award', 'municipality_region', 'services', '2021-12-31', 615312, '2020-01-01'],
		['direct_award', 'municipality_region', 'goods', '2022-01-31', 626284, '2022-01-01'],
		['direct_award', 'municipality_region', 'services', '2022-02-01', 700000, '2022-02-01'],
		['direct_award', 'central_government', 'works', '2026-11-22', 700000, '2022-02-01'],
		['direct_award', 'municipality_region', 'welfare_services', '2021-06-30', 2156469, '2020-01-01'],
		['direct_award', 'municipality_region', 'social_services', '2023-12-31', 7802550, '2022-01-01'],
		['direct_award', 'municipality_region', 'social_services', '2024-01-01', 8109450, '2024-01-01'],
		['eu_threshold', 'municipality_region', 'goods', '2023-12-31', 2236731, '2022-01-01'],
		['eu_threshold', 'municipality_region', 'goods', '2024-01-01', 2389585, '2024-01-01'],
		['eu_threshold', 'central_government', 'services', '2025-06-01', 1546202, '2024-01-01'],
		['eu_threshold', 'central_government', 'works', '2025-06-01', 59880179, '2024-01-01']
	] as const)('%s for %s buying %s on %s is %i SEK (from %s)', async (name, buyer, kind, day, sek, from) => {
		expect(await thresholdAt(server.app.db, name, buyer, kind, day)).toMatchObject({ sek, validFrom: from });
	});

	it('knows no EU threshold before the first seeded period', async () => {
		expect(await thresholdAt(server.app.db, 'eu_threshold', 'municipality_region', 'goods', '2019-06-01')).toBeNull();
	});
});

describe('the API description', () => {
	it('documents the requirements, conflicts and advisor operations', async () => {
		const doc = await (await clientFor(null).get('/api/v1/openapi.json')).json();
		for (const path of [
			'/api/v1/initiatives/{id}/requirements',
			'/api/v1/initiatives/{id}/requirements/versions',
			'/api/v1/initiatives/{id}/requirements/versions/{n}/diff/{b}',
			'/api/v1/initiatives/{id}/conflicts',
			'/api/v1/procedure-advice',
			'/api/v1/thresholds/{thresholdId}'
		]) {
			expect(doc.paths[path], path).toBeTruthy();
		}
	});
});

describe('the pages', () => {
	const form = (c: Client, path: string, fields: Record<string, string>) =>
		c.request('POST', path, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });

	it('render the editor, versions, comparison, print view and conflicts register for the team', async () => {
		const c = clientFor(leader);
		const pages: Array<[string, string]> = [
			[`/initiatives/${initiativeId}/requirements`, 'Publicerade versioner'],
			[`/initiatives/${initiativeId}/requirements/compare?a=1&b=2`, 'Larmet ska nå personal inom'],
			[`/initiatives/${initiativeId}/requirements/versions/1/print`, 'Larmet ska nå personal inom 5 minuter'],
			[`/initiatives/${initiativeId}/conflicts`, 'Larmbolaget AB'],
			[`/initiatives/${initiativeId}/procedure?estimatedValueSek=300000&purchaseKind=services&buyerKind=municipality_region&marketSituation=exists`, 'Direktupphandling'],
			['/admin/thresholds', '700']
		];
		for (const [path, text] of pages) {
			const res = await c.get(path);
			expect([path, res.status]).toEqual([path, 200]);
			expect(await res.text()).toContain(text);
		}
	});

	it('publishes a version through the page form, for the process leader and procurement officers only', async () => {
		expect((await form(clientFor(teammate), `/initiatives/${initiativeId}/requirements?/publish`, { note: 'Från sidan' })).status).toBe(403);
		const res = await form(clientFor(officer), `/initiatives/${initiativeId}/requirements?/publish`, { note: 'Från sidan' });
		expect(res.status).toBe(200);
		const list = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/versions`)).json();
		expect(list.versions[0]).toMatchObject({ version: 3, note: 'Från sidan' });
		expect((await form(clientFor(observer), `/initiatives/${initiativeId}/requirements?/publish`, {})).status).toBe(403);
	});

	it('saves the chosen procedure with its reasoning, asks for the direct-award reason, and journals it', async () => {
		const base = { estimatedValueSek: '300 000', purchaseKind: 'goods', buyerKind: 'municipality_region', marketSituation: 'exists' };
		const missing = await form(clientFor(leader), `/initiatives/${initiativeId}/procedure?/choose`, { ...base, procedure: 'direct_award', reasoning: 'Liten pilot' });
		expect(missing.status).toBe(400);
		expect(await missing.text()).toContain('Direktupphandlingar över 100 000 kronor ska dokumenteras');
		const ok = await form(clientFor(leader), `/initiatives/${initiativeId}/procedure?/choose`, {
			...base,
			procedure: 'direct_award',
			reasoning: 'Liten pilot under sex månader',
			directAwardReason: 'Tre leverantörer tillfrågades; lägsta pris med godtagbar kvalitet.'
		});
		expect(ok.status).toBe(200);
		const [row] = (await server.app.db.execute(sql`select procedure, purchase_kind from initiatives where id = ${initiativeId}`).then((r) =>
			Array.isArray(r) ? r : (r as unknown as { rows: unknown[] }).rows
		)) as Array<{ procedure: { procedure: string; directAwardReason: string; estimatedValueSek: number }; purchase_kind: string }>;
		expect(row.purchase_kind).toBe('goods');
		expect(row.procedure).toMatchObject({ procedure: 'direct_award', estimatedValueSek: 300000, directAwardReason: expect.stringContaining('Tre leverantörer') });
		const journal = await audit.list(server.app.db, initiativeId);
		expect(journal.at(-1)).toMatchObject({ action: 'procedure.chosen', data: expect.objectContaining({ procedure: 'direct_award' }) });
		expect((await form(clientFor(observer), `/initiatives/${initiativeId}/procedure?/choose`, { ...base, procedure: 'negotiated', reasoning: 'x' })).status).toBe(403);
	});

	it('lets only platform administrators change thresholds from the admin page', async () => {
		const fields = { name: 'eu_threshold', purchaseKind: 'works', buyerKind: '', sek: '61 000 000', validFrom: '2031-01-01', validTo: '', source: 'Test' };
		expect((await form(clientFor(leader), '/admin/thresholds?/create', fields)).status).toBe(403);
		const admin = await platformAdmin(server.app);
		const bad = await form(clientFor(admin), '/admin/thresholds?/create', { ...fields, sek: 'många' });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Ange beloppet i hela kronor.');
		expect((await form(clientFor(admin), '/admin/thresholds?/create', fields)).status).toBe(200);
		const list = await (await clientFor(leader).get('/api/v1/thresholds')).json();
		expect(list.thresholds).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'eu_threshold', purchaseKind: 'works', sek: 61000000, validFrom: '2031-01-01' })]));
	});
});

describe("need links stay inside the initiative", () => {
	const foreignTitle = 'Hemligt behov i Grannkommunens initiativ';
	const ownTitle = 'Personalen behöver larm som når fram';
	let foreignNeedId: string;
	let ownNeedId: string;

	/** The text of the DOCX's main part (the DOCX is a zip). */
	async function docxText(res: Response): Promise<string> {
		const { unzipSync, strFromU8 } = await import('fflate');
		return strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']);
	}

	beforeAll(async () => {
		const app = server.app;
		const otherOrg = await makeOrganisation(app, 'buyer', 'Grannkommunen');
		const stranger = await makeUser(app, { organisationId: otherOrg.id, name: 'Gun Granne' });
		const foreign = await makeInitiative(app, stranger, 'Grannens initiativ');
		foreignNeedId = randomUUID();
		ownNeedId = randomUUID();
		await app.db.execute(sql`insert into needs (id, initiative_id, title, created_by) values (${foreignNeedId}, ${foreign.id}, ${foreignTitle}, ${stranger.id})`);
		await app.db.execute(sql`insert into needs (id, initiative_id, title, created_by) values (${ownNeedId}, ${initiativeId}, ${ownTitle}, ${leader.id})`);
		// A client can write any id into the live document: plant the foreign need next to an own one.
		await app.liveDocs!.change(docName(), { userId: leader.id, organisationId: leader.organisationId }, (doc) => {
			addRequirement(doc, { uid: 'u-planted', text: 'Krav med en främmande länk', needIds: [foreignNeedId, ownNeedId] });
			addRequirement(doc, { uid: 'u-only-foreign', text: 'Krav med bara en främmande länk', needIds: [foreignNeedId] });
		});
	});

	it('drops the foreign id from the draft the API serves, and keeps the own one', async () => {
		const body = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements`)).json();
		expect(body.requirements.find((r: { uid: string }) => r.uid === 'u-planted').needIds).toEqual([ownNeedId]);
		expect(body.requirements.find((r: { uid: string }) => r.uid === 'u-only-foreign').needIds).toEqual([]);
		expect(JSON.stringify(body)).not.toContain(foreignNeedId);
	});

	it('counts a requirement linked only to a foreign need as linked to no need when publishing', async () => {
		const preview = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/publish-preview`)).json();
		const body = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements`)).json();
		const id = (uid: string) => body.requirements.find((r: { uid: string }) => r.uid === uid).id;
		expect(preview.unlinked).toContain(id('u-only-foreign'));
		expect(preview.unlinked).not.toContain(id('u-planted'));
	});

	it('never lets the foreign need into a version, the print page or the DOCX', async () => {
		const published = await clientFor(officer).post(`/api/v1/initiatives/${initiativeId}/requirements/versions`, {});
		expect(published.status).toBe(201);
		const { version } = await published.json();
		const text = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/${version}`)).text();
		expect(text).not.toContain(foreignNeedId);
		expect(text).toContain(ownNeedId);

		const print = await (await clientFor(leader).get(`/initiatives/${initiativeId}/requirements/versions/${version}/print`)).text();
		expect(print).toContain(ownTitle);
		expect(print).not.toContain(foreignTitle);
		expect(print).not.toContain(foreignNeedId);

		const docx = await clientFor(officer).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/${version}/docx`);
		expect(docx.status).toBe(200);
		const xml = await docxText(docx);
		expect(xml).toContain(ownTitle);
		expect(xml).not.toContain(foreignTitle);
	});

	it('resolves only the initiative\'s own needs in a version stored with a foreign id (before this check existed)', async () => {
		const content = JSON.stringify({
			initiativeId,
			version: 900,
			publishedAt: new Date().toISOString(),
			publishedBy: { id: leader.id, name: leader.name },
			note: null,
			sections: [],
			requirements: [{ id: 'K1', uid: 'u-old', type: 'bor', text: 'Gammal version', rationale: '', needIds: [foreignNeedId, ownNeedId], verification: '', section: null }]
		});
		await server.app.db.execute(sql`insert into requirement_versions (initiative_id, version, content, sha256, published_by, published_by_name, published_at)
			values (${initiativeId}, 900, ${content}, ${createHash('sha256').update(content).digest('hex')}, ${leader.id}, ${leader.name}, now())`);
		const print = await (await clientFor(leader).get(`/initiatives/${initiativeId}/requirements/versions/900/print`)).text();
		expect(print).toContain(ownTitle);
		expect(print).not.toContain(foreignTitle);
		const xml = await docxText(await clientFor(officer).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/900/docx`));
		expect(xml).toContain(ownTitle);
		expect(xml).not.toContain(foreignTitle);
	});
});

describe('versions published before the two axes of type', () => {
	it('read as kind and obligation everywhere but in the stored bytes', async () => {
		// Version 900 (above) was stored the old way, with `type: 'bor'`.
		const raw = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/900`)).json();
		expect(raw.requirements[0].type).toBe('bor');
		const print = await (await clientFor(leader).get(`/initiatives/${initiativeId}/requirements/versions/900/print`)).text();
		expect(print).toContain('K1 · Funktionskrav · Bör-krav');
		const diff = await (await clientFor(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/versions/1/diff/900`)).json();
		expect(diff.added).toEqual([expect.objectContaining({ uid: 'u-old', kind: 'function', obligation: 'bor' })]);
		expect(diff.added[0]).not.toHaveProperty('type');
	});
});
