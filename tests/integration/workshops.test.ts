/**
 * Needs workshops end to end: a real server on port 0, HTTP clients with cookie jars for the
 * facilitator, observer and guests, and raw live-document clients that inspect exactly what a
 * participant receives (anonymity and silent mode must hold at the protocol level).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { liveClient, rawSocket, until, type LiveClient } from '../helpers/live.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { MESSAGE } from '../../src/lib/collab/protocol.ts';
import { readBoard } from '../../src/lib/shapes/workshop.ts';
import { BURST } from '../../src/lib/server/workshops/join-guard.ts';

let server: TestServer;
let leader: TestUser;
let team: TestUser;
let observer: TestUser;
let outsider: TestUser;
let initiativeId: string;
const live: LiveClient[] = [];

function as(user: TestUser | null): Client {
	const c = new Client(server.url);
	if (user) {
		const [name, value] = user.cookie.split('=');
		c.setCookie(name, value);
	}
	return c;
}

function board(docName: string, cookie: string | undefined): LiveClient {
	const c = liveClient(server.url, docName, { cookie });
	live.push(c);
	return c;
}

async function createWorkshop(body: Record<string, unknown> = {}) {
	const res = await as(leader).post(`/api/v1/initiatives/${initiativeId}/workshops`, { title: 'Våta golv', question: 'Vad gör golven i förskolan våta?', ...body });
	expect(res.status).toBe(201);
	return (await res.json()) as { id: string; joinCode: string; joinUrl: string; docName: string; phase: string };
}

async function setPhase(id: string, phase: string) {
	const res = await as(leader).post(`/api/v1/workshops/${id}/phase`, { phase });
	expect(res.status).toBe(200);
}

async function join(code: string, displayName: string) {
	const c = new Client(server.url);
	const res = await c.post('/api/v1/workshops/join', { code, displayName });
	return { client: c, res };
}

async function guest(code: string, displayName: string) {
	const { client, res } = await join(code, displayName);
	expect(res.status).toBe(200);
	return client;
}

beforeAll(async () => {
	server = await startTestServer();
	const app = server.app;
	const kommun = await makeOrganisation(app, 'buyer', 'Trelleborgs kommun');
	leader = await makeUser(app, { organisationId: kommun.id, name: 'Lena Processledare' });
	team = await makeUser(app, { organisationId: kommun.id, name: 'Tomas Teammedlem' });
	observer = await makeUser(app, { organisationId: kommun.id, name: 'Olle Observatör' });
	outsider = await makeUser(app, { organisationId: kommun.id, name: 'Ingrid Utanför' });
	const initiative = await makeInitiative(app, leader, 'Torra golv i förskolan');
	initiativeId = initiative.id;
	await addMember(app, initiativeId, team.id, 'team');
	await addMember(app, initiativeId, observer.id, 'observer');
});

afterAll(async () => {
	for (const c of live) c.destroy();
	await server?.stop();
});

describe('creating and reading workshops', () => {
	it('gives the facilitator a draft with a short join code, a join URL and its document name', async () => {
		const w = await createWorkshop({ votesPerParticipant: 3, anonymous: true, silent: false });
		expect(w.phase).toBe('draft');
		expect(w.joinCode).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
		expect(w.joinUrl).toBe(`${server.url}/join/${w.joinCode}`);
		expect(w.docName).toBe(`workshop.${w.id}`);
		const read = await (await as(leader).get(`/api/v1/workshops/${w.id}`)).json();
		expect(read).toMatchObject({ id: w.id, title: 'Våta golv', phase: 'draft', joinCode: w.joinCode, votesPerParticipant: 3, anonymous: true, silent: false });
	});

	it('lets observers read but not create, and hides the join code from them', async () => {
		const w = await createWorkshop();
		expect((await as(observer).post(`/api/v1/initiatives/${initiativeId}/workshops`, { title: 'x', question: 'y' })).status).toBe(403);
		const read = await (await as(observer).get(`/api/v1/workshops/${w.id}`)).json();
		expect(read.joinCode).toBeUndefined();
		expect((await as(observer).post(`/api/v1/workshops/${w.id}/phase`, { phase: 'collect' })).status).toBe(403);
	});

	it('answers 404 to people outside the initiative and to unknown or malformed ids', async () => {
		const w = await createWorkshop();
		expect((await as(outsider).get(`/api/v1/workshops/${w.id}`)).status).toBe(404);
		expect((await as(outsider).post(`/api/v1/initiatives/${initiativeId}/workshops`, { title: 'x', question: 'y' })).status).toBe(404);
		expect((await as(leader).get(`/api/v1/workshops/${crypto.randomUUID()}`)).status).toBe(404);
		expect((await as(leader).get('/api/v1/workshops/not-a-uuid')).status).toBe(404);
	});

	it('refuses malformed input with 400 and never a 500', async () => {
		const leaderClient = as(leader);
		const bad = await leaderClient.request('POST', `/api/v1/initiatives/${initiativeId}/workshops`, '{"title":', { 'content-type': 'application/json' });
		expect(bad.status).toBe(400);
		expect((await bad.json()).error.code).toBe('malformed_json');
		const wrongType = await leaderClient.post(`/api/v1/initiatives/${initiativeId}/workshops`, { title: 1, question: [] });
		expect(wrongType.status).toBe(400);
		const w = await createWorkshop();
		const phase = await leaderClient.post(`/api/v1/workshops/${w.id}/phase`, { phase: 'draft' });
		expect(phase.status).toBe(400);
		expect((await leaderClient.post(`/api/v1/workshops/${w.id}/votes`, { targetId: 42 })).status).toBe(400);
	});
});

describe('the API description', () => {
	it('documents the workshop and needs operations', async () => {
		const doc = await (await new Client(server.url).get('/api/v1/openapi.json')).json();
		for (const path of ['/api/v1/initiatives/{id}/workshops', '/api/v1/workshops/join', '/api/v1/workshops/{id}/votes', '/api/v1/workshops/{id}/results', '/api/v1/initiatives/{id}/needs', '/api/v1/needs/{id}']) {
			expect(Object.keys(doc.paths)).toContain(path);
		}
		expect(doc.paths['/api/v1/workshops/join'].post.requestBody).toBeTruthy();
	});
});

describe('the phase machine over HTTP', () => {
	it('moves forward and back, never to draft, and closed is final', async () => {
		const w = await createWorkshop();
		await setPhase(w.id, 'collect');
		await setPhase(w.id, 'cluster');
		await setPhase(w.id, 'collect');
		const same = await as(leader).post(`/api/v1/workshops/${w.id}/phase`, { phase: 'collect' });
		expect(same.status).toBe(409);
		await setPhase(w.id, 'closed');
		const reopen = await as(team).post(`/api/v1/workshops/${w.id}/phase`, { phase: 'collect' });
		expect(reopen.status).toBe(403);
		const journal = await (await as(leader).get(`/api/v1/initiatives/${initiativeId}/audit`)).json();
		const actions = (Array.isArray(journal) ? journal : journal.entries).map((e: { action: string }) => e.action);
		expect(actions).toContain('workshop.phase_changed');
		expect(actions).toContain('workshop.closed');
	});
});

describe('guests', () => {
	it('join with a code and a display name, and get an HttpOnly cookie scoped to the workshop', async () => {
		const w = await createWorkshop();
		const early = await join(w.joinCode, 'Gun');
		expect(early.res.status).toBe(409);
		expect((await early.res.json()).error.code).toBe('workshop_not_started');
		await setPhase(w.id, 'collect');
		const c = new Client(server.url);
		const res = await c.post('/api/v1/workshops/join', { code: w.joinCode.toLowerCase().replace(/^(...)/, '$1 '), displayName: 'Gun' });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ workshopId: w.id, docName: w.docName, landing: `/w/${w.id}` });
		const cookie = res.headers.getSetCookie().find((s) => s.startsWith('brygga_guest='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		const read = await (await c.get(`/api/v1/workshops/${w.id}`)).json();
		expect(read).toMatchObject({ id: w.id, phase: 'collect' });
		expect(read.joinCode).toBeUndefined();
	});

	it('refuse email addresses as display names', async () => {
		const w = await createWorkshop();
		await setPhase(w.id, 'collect');
		expect((await join(w.joinCode, 'gun@example.se')).res.status).toBe(400);
	});

	it('see nothing but their own workshop: no initiative, no brief, no other workshop, no facilitation', async () => {
		const mine = await createWorkshop();
		const other = await createWorkshop();
		await setPhase(mine.id, 'collect');
		await setPhase(other.id, 'collect');
		const g = await guest(mine.joinCode, 'Gustav');
		// The initiative itself: it does not exist for a guest, as for any non-member.
		const initiative = await g.get(`/api/v1/initiatives/${initiativeId}`);
		expect(initiative.status).toBe(404);
		expect(await initiative.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
		expect((await g.get(`/api/v1/initiatives/${initiativeId}/audit`)).status).toBe(404);
		expect((await g.get(`/api/v1/initiatives/${initiativeId}/workshops`)).status).toBe(404);
		expect((await g.get(`/api/v1/initiatives/${initiativeId}/needs`)).status).toBe(404);
		expect((await g.get(`/api/v1/workshops/${other.id}`)).status).toBe(404);
		expect((await g.get(`/api/v1/workshops/${other.id}/results`)).status).toBe(404);
		expect((await g.post(`/api/v1/workshops/${other.id}/cards`, { text: 'Fel workshop' })).status).toBe(404);
		expect((await g.post(`/api/v1/workshops/${mine.id}/phase`, { phase: 'closed' })).status).toBe(403);
		expect((await g.post(`/api/v1/workshops/${mine.id}/lock`, { locked: true })).status).toBe(403);
		const page = await g.get(`/initiatives/${initiativeId}`);
		expect([303, 404]).toContain(page.status);
		const briefSocket = await rawSocket(server.url, `/yjs/brief.${initiativeId}`, { origin: server.url, cookie: g.cookieHeader() });
		expect(briefSocket.kind).toBe('refused');
		const otherSocket = await rawSocket(server.url, `/yjs/${other.docName}`, { origin: server.url, cookie: g.cookieHeader() });
		expect(otherSocket.kind).toBe('refused');
		const ownSocket = await rawSocket(server.url, `/yjs/${mine.docName}`, { origin: server.url, cookie: g.cookieHeader() });
		expect(ownSocket.kind).toBe('open');
		if (ownSocket.kind === 'open') ownSocket.ws.close();
	});

	it('lose their session, their socket and the code when the workshop closes', async () => {
		const w = await createWorkshop();
		await setPhase(w.id, 'collect');
		const g = await guest(w.joinCode, 'Greta');
		const b = board(w.docName, g.cookieHeader());
		await b.synced;
		await setPhase(w.id, 'closed');
		await until(() => b.closes.length > 0, 5000, 'guest socket closed');
		expect((await g.get(`/api/v1/workshops/${w.id}`)).status).toBe(404);
		const again = await join(w.joinCode, 'Greta');
		expect(again.res.status).toBe(404);
		expect((await again.res.json()).error.code).toBe('unknown_code');
		// The results remain for the team, read-only.
		expect((await as(leader).get(`/api/v1/workshops/${w.id}/results`)).status).toBe(200);
	});
});

describe('cards and votes', () => {
	it('accept cards only in the collect phase', async () => {
		const w = await createWorkshop();
		await setPhase(w.id, 'collect');
		const g = await guest(w.joinCode, 'Kim');
		const res = await g.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Snö från stövlarna' });
		expect(res.status).toBe(201);
		expect((await res.json()).id).toMatch(/^[0-9a-f-]{36}$/);
		expect((await g.post(`/api/v1/workshops/${w.id}/cards`, { text: '' })).status).toBe(400);
		await setPhase(w.id, 'cluster');
		const late = await g.post(`/api/v1/workshops/${w.id}/cards`, { text: 'För sent' });
		expect(late.status).toBe(409);
		expect((await late.json()).error.code).toBe('phase_closed');
		expect((await as(observer).post(`/api/v1/workshops/${w.id}/cards`, { text: 'Observatör' })).status).toBe(403);
	});

	it('enforce the budget and the phase, and let a vote be taken back', async () => {
		const w = await createWorkshop({ votesPerParticipant: 2 });
		await setPhase(w.id, 'collect');
		const g = await guest(w.joinCode, 'Vera');
		const { id: cardId } = await (await g.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Läckande stuprör' })).json();
		const early = await g.post(`/api/v1/workshops/${w.id}/votes`, { targetId: cardId });
		expect(early.status).toBe(409);
		expect((await early.json()).error.code).toBe('phase_closed');
		await setPhase(w.id, 'vote');
		expect((await g.post(`/api/v1/workshops/${w.id}/votes`, { targetId: cardId })).status).toBe(201);
		expect((await g.post(`/api/v1/workshops/${w.id}/votes`, { targetId: cardId })).status).toBe(201);
		const over = await g.post(`/api/v1/workshops/${w.id}/votes`, { targetId: cardId });
		expect(over.status).toBe(409);
		expect((await over.json()).error.code).toBe('vote_budget_exhausted');
		const parallel = await Promise.all(Array.from({ length: 5 }, () => g.post(`/api/v1/workshops/${w.id}/votes`, { targetId: cardId })));
		expect(parallel.every((r) => r.status === 409)).toBe(true);
		const back = await g.delete(`/api/v1/workshops/${w.id}/votes/${cardId}`);
		expect(back.status).toBe(200);
		expect(await back.json()).toMatchObject({ budget: 2, used: 1 });
		expect((await g.post(`/api/v1/workshops/${w.id}/votes`, { targetId: crypto.randomUUID() })).status).toBe(404);
		await setPhase(w.id, 'prioritise');
		const after = await g.post(`/api/v1/workshops/${w.id}/votes`, { targetId: cardId });
		expect(after.status).toBe(409);
		expect((await after.json()).error.code).toBe('phase_closed');
		const results = await (await as(leader).get(`/api/v1/workshops/${w.id}/results`)).json();
		expect(results.cards).toEqual([expect.objectContaining({ id: cardId, text: 'Läckande stuprör', groupId: null, votes: 1 })]);
	});

	it('spend each guest’s budget exactly once when many vote at once, and leave every board with the stored tally', async () => {
		const w = await createWorkshop({ votesPerParticipant: 3 });
		await setPhase(w.id, 'collect');
		const guests = await Promise.all(['Aino', 'Bo', 'Cilla', 'Dan'].map((name) => guest(w.joinCode, name)));
		const cards: string[] = [];
		for (const text of ['Halkiga trösklar', 'Blöta vantar']) cards.push((await (await guests[0].post(`/api/v1/workshops/${w.id}/cards`, { text })).json()).id);
		await setPhase(w.id, 'vote');
		expect((await as(leader).post(`/api/v1/workshops/${w.id}/tally`, { visible: true })).status).toBe(200);
		const view = board(w.docName, leader.cookie);
		await view.synced;
		// Every guest taps eight times at once on the two cards: three votes each go through.
		const answers = await Promise.all(guests.flatMap((g) => Array.from({ length: 8 }, (_, i) => g.post(`/api/v1/workshops/${w.id}/votes`, { targetId: cards[i % 2] }))));
		const statuses = answers.map((r) => r.status);
		expect(statuses.filter((s) => s === 201)).toHaveLength(12);
		expect(statuses.filter((s) => s === 409)).toHaveLength(20);
		const results = await (await as(leader).get(`/api/v1/workshops/${w.id}/results`)).json();
		const stored = Object.fromEntries(results.cards.map((c: { id: string; votes: number }) => [c.id, c.votes]));
		expect(Object.values(stored).reduce((a: number, n) => a + (n as number), 0)).toBe(12);
		const sorted = (counts: Record<string, unknown>) => JSON.stringify(Object.entries(counts).filter(([, n]) => n).sort());
		await until(() => sorted(readBoard(view.doc).tally) === sorted(stored), 5000, 'the board shows the stored tally');
	});

	it('ignore a crafted socket message from a participant: the board and the votes stay as the server made them', async () => {
		const w = await createWorkshop();
		await setPhase(w.id, 'collect');
		const g = await guest(w.joinCode, 'Mallory');
		await g.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Äkta kort' });
		await setPhase(w.id, 'vote');
		const attacker = board(w.docName, g.cookieHeader());
		await attacker.synced;
		attacker.doc.getMap('tally').set('x', 999);
		const fake = new Y.Map<unknown>();
		attacker.doc.getMap<Y.Map<unknown>>('cards').set(crypto.randomUUID(), fake);
		fake.set('text', 'Förfalskat kort');
		const facilitatorView = board(w.docName, leader.cookie);
		await facilitatorView.synced;
		await new Promise((r) => setTimeout(r, 400));
		const seen = readBoard(facilitatorView.doc);
		expect(seen.cards.map((c) => c.text)).toEqual(['Äkta kort']);
		expect(seen.tally).toEqual({});
		const results = await (await as(leader).get(`/api/v1/workshops/${w.id}/results`)).json();
		expect(results.cards.map((c: { text: string }) => c.text)).toEqual(['Äkta kort']);
	});

	it('show authors to the team in a named workshop, but never in an anonymous one', async () => {
		const named = await createWorkshop({ anonymous: false });
		const anon = await createWorkshop({ anonymous: true });
		for (const w of [named, anon]) {
			await setPhase(w.id, 'collect');
			const g = await guest(w.joinCode, 'Nora Namn');
			expect((await g.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Kort med skribent' })).status).toBe(201);
		}
		const a = await (await as(leader).get(`/api/v1/workshops/${named.id}/results`)).json();
		expect(a.cards[0].author).toBe('Nora Namn');
		const b = await (await as(leader).get(`/api/v1/workshops/${anon.id}/results`)).json();
		expect(b.cards[0].author).toBeUndefined();
		expect(JSON.stringify(b)).not.toContain('Nora');
		const csv = await as(leader).get(`/api/v1/workshops/${anon.id}/results?format=csv`);
		expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
		expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
		expect(await csv.text()).not.toContain('Nora');
	});
});

/** A raw participant: speaks the y-websocket protocol itself and keeps every byte it receives. */
async function rawParticipant(docName: string, cookie: string) {
	const r = await rawSocket(server.url, `/yjs/${docName}`, { origin: server.url, cookie });
	if (r.kind !== 'open') throw new Error(`refused: ${r.status}`);
	const doc = new Y.Doc();
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE.sync);
	syncProtocol.writeSyncStep1(e, doc);
	r.ws.send(encoding.toUint8Array(e));
	let applied = 0;
	const apply = () => {
		for (; applied < r.messages.length; applied++) {
			const d = decoding.createDecoder(r.messages[applied]);
			if (decoding.readVarUint(d) !== MESSAGE.sync) continue;
			syncProtocol.readSyncMessage(d, encoding.createEncoder(), doc, 'server');
		}
	};
	return {
		doc: () => (apply(), doc),
		bytes: () => Buffer.concat(r.messages.map((m) => Buffer.from(m))),
		close: () => r.ws.close()
	};
}

describe('anonymity at the protocol level', () => {
	it('gives participants no way to link a card to its author: not in the document, not in presence, not in Yjs client ids', async () => {
		const w = await createWorkshop({ anonymous: true });
		await setPhase(w.id, 'collect');
		const hanna = await guest(w.joinCode, 'Hemliga Hanna');
		const hugo = await guest(w.joinCode, 'Hemlige Hugo');
		const watcher = await guest(w.joinCode, 'Nyfikna Nils');
		const hannaBoard = board(w.docName, hanna.cookieHeader());
		const hugoBoard = board(w.docName, hugo.cookieHeader());
		hannaBoard.provider.awareness.setLocalStateField('user', { name: 'Hemliga Hanna' });
		hugoBoard.provider.awareness.setLocalStateField('user', { name: 'Hemlige Hugo' });
		await Promise.all([hannaBoard.synced, hugoBoard.synced]);
		const raw = await rawParticipant(w.docName, watcher.cookieHeader());
		const spy = board(w.docName, watcher.cookieHeader());
		await spy.synced;
		await hanna.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Blöta hallar' });
		await hugo.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Grus i entrén' });
		await until(() => readBoard(raw.doc()).cards.length === 2, 5000, 'both cards received');

		const doc = raw.doc();
		const cards = doc.getMap<Y.Map<unknown>>('cards');
		for (const [, card] of cards) expect(Object.keys(card.toJSON()).sort()).toEqual(['createdAt', 'groupId', 'text']);
		// The cards were written by the server (a fresh Yjs client per change), never by a participant's client.
		const writers = new Set<number>();
		for (const [, card] of cards) writers.add(card._item!.id.client);
		for (const participant of [hannaBoard, hugoBoard, spy]) expect(writers.has(participant.doc.clientID)).toBe(false);
		const participantItems = new Set<number>();
		Y.encodeStateVector(doc);
		for (const client of doc.store.clients.keys()) participantItems.add(client);
		for (const participant of [hannaBoard, hugoBoard, spy]) expect(participantItems.has(participant.doc.clientID)).toBe(false);
		// No author name anywhere in the bytes the participant received, presence included.
		await until(() => spy.provider.awareness.getStates().size >= 3, 5000, 'presence of others');
		const received = raw.bytes().toString('utf8') + JSON.stringify([...spy.provider.awareness.getStates().values()]);
		expect(received).not.toContain('Hanna');
		expect(received).not.toContain('Hugo');
		const names = [...spy.provider.awareness.getStates().entries()]
			.filter(([id]) => id !== spy.doc.clientID)
			.map(([, s]) => (s as { user?: { name?: string } }).user?.name);
		expect(names.every((n) => n === 'Deltagare')).toBe(true);
		raw.close();
	});
});

describe('silent mode at the protocol level', () => {
	it('keeps private cards out of every document another participant receives until the reveal', async () => {
		const w = await createWorkshop({ silent: true, anonymous: true });
		await setPhase(w.id, 'collect');
		const a = await guest(w.joinCode, 'Anna');
		const b = await guest(w.joinCode, 'Bertil');
		const raw = await rawParticipant(w.docName, b.cookieHeader());
		expect((await a.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Annas hemliga kort' })).status).toBe(201);
		expect((await b.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Bertils eget kort' })).status).toBe(201);
		await new Promise((r) => setTimeout(r, 300));
		expect(readBoard(raw.doc()).cards).toEqual([]);
		expect(raw.bytes().toString('utf8')).not.toContain('hemliga');
		// Each participant sees their own private cards through the API, nobody else's.
		const mine = await (await b.get(`/api/v1/workshops/${w.id}/cards`)).json();
		expect(mine.cards.map((c: { text: string; private: boolean }) => [c.text, c.private])).toEqual([['Bertils eget kort', true]]);
		// The facilitator's board is as empty: private means private.
		const fac = board(w.docName, leader.cookie);
		await fac.synced;
		expect(readBoard(fac.doc).cards).toEqual([]);
		const reveal = await as(leader).post(`/api/v1/workshops/${w.id}/reveal`);
		expect(reveal.status).toBe(200);
		expect(await reveal.json()).toEqual({ revealed: 2 });
		await until(() => readBoard(raw.doc()).cards.length === 2, 5000, 'revealed cards');
		expect(readBoard(raw.doc()).cards.map((c) => c.text).sort()).toEqual(['Annas hemliga kort', 'Bertils eget kort']);
		expect((await as(leader).post(`/api/v1/workshops/${w.id}/reveal`)).status).toBe(409);
		raw.close();
	});
});

describe('join codes', () => {
	it('are refused for unknown codes, and a new code is refused from an address after repeated misses', async () => {
		const w = await createWorkshop();
		await setPhase(w.id, 'collect');
		const miss = await join('QQQQQQ', 'Gissaren');
		expect(miss.res.status).toBe(404);
		expect((await miss.res.json()).error.code).toBe('unknown_code');
		for (let i = 1; i < BURST.limit; i++) await join('QQQQQQ', 'Gissaren');
		const limited = await join(w.joinCode, 'Gissaren');
		expect(limited.res.status).toBe(429);
		expect(Number(limited.res.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await limited.res.json()).error.code).toBe('rate_limited');
	});
});
