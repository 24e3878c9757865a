/**
 * The needs register over HTTP: the buyer team writes, observers read, nobody else learns that
 * a need exists; sources point back at workshop cards and groups; every change is journalled;
 * exports download as CSV and DOCX.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { groupsMap, newGroup, moveCards } from '../../src/lib/shapes/workshop.ts';

let server: TestServer;
let leader: TestUser;
let team: TestUser;
let observer: TestUser;
let outsider: TestUser;
let initiativeId: string;
let otherInitiativeId: string;
let workshopId: string;
let cardId: string;
let groupId = '';

function as(user: TestUser | null): Client {
	const c = new Client(server.url);
	if (user) {
		const [name, value] = user.cookie.split('=');
		c.setCookie(name, value);
	}
	return c;
}

const need = (extra: Record<string, unknown> = {}) => ({
	title: 'Torra golv i hallen',
	statement: 'Förskolepersonal behöver torra golv i hallen så att barnen inte halkar',
	affected: 'Barn och personal på tre förskolor',
	currentSituation: 'Golven är blöta från oktober till april.',
	baseline: '4 halkolyckor per månad',
	desiredEffect: 'Färre halkolyckor, minst 50 %',
	indicators: [{ name: 'Halkolyckor', unit: 'antal/månad', baseline: '4', target: '2', method: 'Avvikelserapporter', owner: 'Rektor' }],
	priority: 'high',
	...extra
});

beforeAll(async () => {
	server = await startTestServer();
	const app = server.app;
	const kommun = await makeOrganisation(app, 'buyer', 'Ystads kommun');
	leader = await makeUser(app, { organisationId: kommun.id, name: 'Lena Processledare' });
	team = await makeUser(app, { organisationId: kommun.id, name: 'Tomas Teammedlem' });
	observer = await makeUser(app, { organisationId: kommun.id, name: 'Olle Observatör' });
	outsider = await makeUser(app, { organisationId: kommun.id, name: 'Ingrid Utanför' });
	initiativeId = (await makeInitiative(app, leader, 'Torra golv')).id;
	otherInitiativeId = (await makeInitiative(app, outsider, 'Annat initiativ')).id;
	await addMember(app, initiativeId, team.id, 'team');
	await addMember(app, initiativeId, observer.id, 'observer');
	// A workshop with one card in one group, to link needs to.
	const w = await (await as(leader).post(`/api/v1/initiatives/${initiativeId}/workshops`, { title: 'Våta golv', question: 'Varför blir golven blöta?' })).json();
	workshopId = w.id;
	await as(leader).post(`/api/v1/workshops/${workshopId}/phase`, { phase: 'collect' });
	cardId = (await (await as(team).post(`/api/v1/workshops/${workshopId}/cards`, { text: 'Snö från stövlarna' })).json()).id;
	await app.liveDocs!.change(`workshop.${workshopId}`, null, (doc) => {
		groupId = newGroup(doc, 'Väta utifrån');
		moveCards(doc, [cardId], groupId);
	});
	expect(await app.liveDocs!.read(`workshop.${workshopId}`, (doc) => groupsMap(doc).has(groupId))).toBe(true);
});

afterAll(async () => {
	await server?.stop();
});

describe('the needs register', () => {
	it('lets the team create a need linked to the workshop group and card it came from', async () => {
		const res = await as(team).post(`/api/v1/initiatives/${initiativeId}/needs`, need({ sources: [{ workshopId, groupId }, { workshopId, cardId }] }));
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body).toMatchObject({ title: 'Torra golv i hallen', status: 'draft', priority: 'high', version: 1, warnings: [] });
		expect(body.indicators).toEqual([expect.objectContaining({ name: 'Halkolyckor', target: '2' })]);
		expect(body.sources).toEqual([
			expect.objectContaining({ workshopId, groupId, kind: 'group', label: 'Väta utifrån', workshopTitle: 'Våta golv' }),
			expect.objectContaining({ workshopId, cardId, kind: 'card', label: 'Snö från stövlarna' })
		]);
		const one = await (await as(observer).get(`/api/v1/needs/${body.id}`)).json();
		expect(one.sources).toHaveLength(2);
	});

	it('lets observers read but not write, and tells nobody else the need exists', async () => {
		const { id } = await (await as(leader).post(`/api/v1/initiatives/${initiativeId}/needs`, need())).json();
		expect((await as(observer).get(`/api/v1/initiatives/${initiativeId}/needs`)).status).toBe(200);
		expect((await as(observer).post(`/api/v1/initiatives/${initiativeId}/needs`, need())).status).toBe(403);
		expect((await as(observer).patch(`/api/v1/needs/${id}`, { status: 'agreed' })).status).toBe(403);
		expect((await as(outsider).get(`/api/v1/needs/${id}`)).status).toBe(404);
		expect((await as(outsider).patch(`/api/v1/needs/${id}`, { status: 'agreed' })).status).toBe(404);
		expect((await as(outsider).get(`/api/v1/initiatives/${initiativeId}/needs`)).status).toBe(404);
		expect((await as(null).get(`/api/v1/needs/${id}`)).status).toBe(404);
		expect((await as(leader).get(`/api/v1/needs/${crypto.randomUUID()}`)).status).toBe(404);
		expect((await as(leader).get('/api/v1/needs/nonsense')).status).toBe(404);
	});

	it('keeps guests out of the register', async () => {
		const w = await (await as(leader).get(`/api/v1/workshops/${workshopId}`)).json();
		const guest = new Client(server.url);
		expect((await guest.post('/api/v1/workshops/join', { code: w.joinCode, displayName: 'Gäst' })).status).toBe(200);
		expect((await guest.get(`/api/v1/initiatives/${initiativeId}/needs`)).status).toBe(404);
		expect((await guest.post(`/api/v1/initiatives/${initiativeId}/needs`, need())).status).toBe(404);
	});

	it('updates with a version check and journals every change', async () => {
		const { id } = await (await as(team).post(`/api/v1/initiatives/${initiativeId}/needs`, need({ title: 'Versionerat behov' }))).json();
		const ok = await as(team).patch(`/api/v1/needs/${id}`, { status: 'agreed', version: 1 });
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ status: 'agreed', version: 2 });
		const stale = await as(leader).patch(`/api/v1/needs/${id}`, { priority: 'low', version: 1 });
		expect(stale.status).toBe(409);
		expect((await stale.json()).error.code).toBe('stale');
		const moved = await as(leader).patch(`/api/v1/needs/${id}`, { status: 'moved' });
		expect(moved.status).toBe(400);
		expect((await as(leader).patch(`/api/v1/needs/${id}`, { status: 'moved', movedTo: 'Lokalförsörjning' })).status).toBe(200);
		const journal = await (await as(leader).get(`/api/v1/initiatives/${initiativeId}/audit`)).json();
		const entries = (Array.isArray(journal) ? journal : journal.entries) as Array<{ action: string; data: Record<string, unknown> }>;
		const mine = entries.filter((e) => e.data.needId === id);
		expect(mine.map((e) => e.action)).toEqual(['need.created', 'need.updated', 'need.updated']);
		expect(mine[1].data).toMatchObject({ status: { from: 'draft', to: 'agreed' } });
	});

	it('refuses bad input with 400, and sources from elsewhere', async () => {
		const leaderClient = as(leader);
		const malformed = await leaderClient.request('POST', `/api/v1/initiatives/${initiativeId}/needs`, '{', { 'content-type': 'application/json' });
		expect(malformed.status).toBe(400);
		expect((await leaderClient.post(`/api/v1/initiatives/${initiativeId}/needs`, { title: '' })).status).toBe(400);
		expect((await leaderClient.post(`/api/v1/initiatives/${initiativeId}/needs`, need({ status: 'done' }))).status).toBe(400);
		expect((await leaderClient.post(`/api/v1/initiatives/${initiativeId}/needs`, need({ indicators: 'many' }))).status).toBe(400);
		const unknownCard = await leaderClient.post(`/api/v1/initiatives/${initiativeId}/needs`, need({ sources: [{ workshopId, cardId: crypto.randomUUID() }] }));
		expect(unknownCard.status).toBe(400);
		expect((await unknownCard.json()).error.code).toBe('invalid_source');
		const both = await leaderClient.post(`/api/v1/initiatives/${initiativeId}/needs`, need({ sources: [{ workshopId, cardId, groupId }] }));
		expect(both.status).toBe(400);
		const foreign = await as(outsider).post(`/api/v1/initiatives/${otherInitiativeId}/needs`, need({ sources: [{ workshopId, cardId }] }));
		expect(foreign.status).toBe(400);
		expect((await foreign.json()).error.code).toBe('invalid_source');
	});

	it('warns when a need names a product instead of a function', async () => {
		const res = await as(team).post(`/api/v1/initiatives/${initiativeId}/needs`, need({ title: 'Robotdammsugare', statement: 'Vi behöver en app från Google' }));
		expect((await res.json()).warnings).toEqual([{ code: 'names_product', words: ['robotdammsugare', 'app', 'google'] }]);
	});

	it('exports the register as CSV and DOCX', async () => {
		const csv = await as(observer).get(`/api/v1/initiatives/${initiativeId}/needs/export?format=csv`);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
		expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="behovsregister\.csv"/);
		const text = await csv.text();
		expect(text).toContain('Torra golv i hallen');
		expect(text).toContain('Väta utifrån');
		const docx = await as(observer).get(`/api/v1/initiatives/${initiativeId}/needs/export?format=docx`);
		expect(docx.status).toBe(200);
		expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		const bytes = new Uint8Array(await docx.arrayBuffer());
		expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
		expect((await as(outsider).get(`/api/v1/initiatives/${initiativeId}/needs/export?format=csv`)).status).toBe(404);
		expect((await as(observer).get(`/api/v1/initiatives/${initiativeId}/needs/export?format=pdf`)).status).toBe(400);
	});

	it('keeps the effect logic chained one step back', async () => {
		const list = (await (await as(team).get(`/api/v1/initiatives/${initiativeId}/needs`)).json()).needs;
		const put = await as(team).request('PUT', `/api/v1/initiatives/${initiativeId}/needs/effect-logic`, {
			activities: [{ id: 'a1', text: 'Pröva avskrapningszoner', links: [list[0].id] }],
			outputs: [{ id: 'o1', text: 'Zoner vid tre entréer', links: ['a1'] }],
			outcomes: [{ id: 'u1', text: 'Torrare hallar', links: ['o1', list[0].id] }],
			impacts: [{ id: 'i1', text: 'Färre halkolyckor', links: ['u1'] }]
		});
		expect(put.status).toBe(200);
		const logic = await (await as(observer).get(`/api/v1/initiatives/${initiativeId}/needs/effect-logic`)).json();
		expect(logic.outcomes).toEqual([{ id: 'u1', text: 'Torrare hallar', links: ['o1'] }]);
		expect((await as(observer).request('PUT', `/api/v1/initiatives/${initiativeId}/needs/effect-logic`, { activities: [], outputs: [], outcomes: [], impacts: [] })).status).toBe(403);
	});
});
