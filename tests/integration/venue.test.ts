/**
 * A workshop in a real venue: 150 phones behind one address, typos, a slow network that makes
 * phones send twice, guests who join again to get more votes. Real server on port 0, real
 * database; addresses are told apart by `X-Forwarded-For` (the server trusts it here, as behind
 * the venue's own proxy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { liveClient, until, type LiveClient } from '../helpers/live.ts';
import { makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { readBoard } from '../../src/lib/shapes/workshop.ts';
import { BURST } from '../../src/lib/server/workshops/join-guard.ts';
import { CODE_ALPHABET } from '../../src/lib/server/workshops/codes.ts';

let server: TestServer;
let leader: TestUser;
let initiativeId: string;
const live: LiveClient[] = [];

/** A browser at an address: its own cookie jar, and the address the server sees. */
class Phone extends Client {
	constructor(readonly ip: string) {
		super(server.url);
	}
	override request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
		return super.request(method, path, body, { 'x-forwarded-for': this.ip, ...headers });
	}
	join(code: string, displayName = 'Gäst') {
		return this.post('/api/v1/workshops/join', { code, displayName });
	}
	forgetSession() {
		for (const name of ['brygga_guest']) this.setCookie(name, '');
	}
}

function asLeader(): Client {
	const c = new Client(server.url);
	const [name, value] = leader.cookie.split('=');
	c.setCookie(name, value);
	return c;
}

async function openWorkshop(body: Record<string, unknown> = {}) {
	const res = await asLeader().post(`/api/v1/initiatives/${initiativeId}/workshops`, { title: 'Matsalen', question: 'Vad gör lunchen stressig?', ...body });
	expect(res.status).toBe(201);
	const w = (await res.json()) as { id: string; joinCode: string; docName: string };
	await setPhase(w.id, 'collect');
	return w;
}

async function setPhase(id: string, phase: string) {
	expect((await asLeader().post(`/api/v1/workshops/${id}/phase`, { phase })).status).toBe(200);
}

/** A phone's typical slip: one character replaced by a neighbour in the alphabet. */
function typo(code: string, i: number): string {
	const p = i % code.length;
	const next = CODE_ALPHABET[(CODE_ALPHABET.indexOf(code[p]) + 1 + (i % 3)) % CODE_ALPHABET.length];
	return code.slice(0, p) + next + code.slice(p + 1);
}

function randomCode(): string {
	return Array.from({ length: 6 }, () => CODE_ALPHABET[Math.floor(Math.random() * CODE_ALPHABET.length)]).join('');
}

beforeAll(async () => {
	server = await startTestServer({ TRUST_PROXY: 'true' });
	const kommun = await makeOrganisation(server.app, 'buyer', 'Ystads kommun');
	leader = await makeUser(server.app, { organisationId: kommun.id, name: 'Lisa Processledare' });
	initiativeId = (await makeInitiative(server.app, leader, 'Lugnare skollunch')).id;
});

afterAll(async () => {
	for (const c of live) c.destroy();
	await server?.stop();
});

describe('join limits at a venue', () => {
	it('let 150 guests with 40 typos in 10 minutes from one address all in', async () => {
		const w = await openWorkshop();
		const hall = '198.51.100.20';
		const typoAt = new Set([0, 1, 2, 3, 4, ...Array.from({ length: 35 }, (_, k) => 7 + k * 5)]);
		expect(typoAt.size).toBe(40);
		let joined = 0;
		for (let i = 0; i < 190; i++) {
			const phone = new Phone(hall);
			if (typoAt.has(i)) {
				const res = await phone.join(typo(w.joinCode, i));
				expect(res.status).toBe(404);
				expect((await res.json()).error.code).toBe('unknown_code');
				continue;
			}
			const res = await phone.join(w.joinCode, `Gäst ${i}`);
			expect(res.status, `join ${i}`).toBe(200);
			joined++;
		}
		expect(joined).toBe(150);
		const overview = await (await asLeader().get(`/api/v1/workshops/${w.id}/participants`)).json();
		expect(overview.participants).toBe(150);
	}, 120_000);

	it('refuse sustained guessing from one address, but still let in a code that address already joined with', async () => {
		const w = await openWorkshop();
		const other = await openWorkshop();
		const attacker = '203.0.113.66';
		expect((await new Phone(attacker).join(w.joinCode)).status).toBe(200);
		let refusal: Response | null = null;
		for (let i = 0; i < BURST.limit * 2 && !refusal; i++) {
			const res = await new Phone(attacker).join(randomCode());
			if (res.status === 429) refusal = res;
			else expect(res.status).toBe(404);
		}
		expect(refusal, 'guessing was never refused').not.toBeNull();
		expect(Number(refusal!.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await refusal!.json()).error.code).toBe('rate_limited');
		// A new code, even a right one, is a guess and waits; the known one still works.
		expect((await new Phone(attacker).join(other.joinCode)).status).toBe(429);
		expect((await new Phone(attacker).join(w.joinCode)).status).toBe(200);
		// Other addresses are not affected.
		expect((await new Phone('203.0.113.67').join(other.joinCode)).status).toBe(200);
	});
});

describe('one guest per browser', () => {
	it('resumes the same participant, with its votes, when the same browser joins again', async () => {
		const w = await openWorkshop({ votesPerParticipant: 3 });
		const phone = new Phone('192.0.2.10');
		const first = await phone.join(w.joinCode, 'Åsa');
		expect(first.status).toBe(200);
		const device = first.headers.getSetCookie().find((c) => c.startsWith('brygga_device='))!;
		expect(device).toMatch(/HttpOnly/i);
		expect(device).toMatch(/SameSite=Lax/i);
		expect(device).toMatch(/Max-Age=2592000/i);
		const card = await (await phone.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Kön till disken' })).json();
		await setPhase(w.id, 'vote');
		expect((await phone.post(`/api/v1/workshops/${w.id}/votes`, { targetId: card.id })).status).toBe(201);
		expect((await phone.post(`/api/v1/workshops/${w.id}/votes`, { targetId: card.id })).status).toBe(201);
		phone.forgetSession();
		expect((await phone.join(w.joinCode, 'Åsa igen')).status).toBe(200);
		expect((await phone.post(`/api/v1/workshops/${w.id}/votes`, { targetId: card.id })).status).toBe(201);
		const over = await phone.post(`/api/v1/workshops/${w.id}/votes`, { targetId: card.id });
		expect(over.status).toBe(409);
		expect((await over.json()).error.code).toBe('vote_budget_exhausted');
		const overview = await (await asLeader().get(`/api/v1/workshops/${w.id}/participants`)).json();
		expect(overview.guests).toHaveLength(1);
		expect(overview).toMatchObject({ participants: 1, votesCast: 3, voteBudget: 3 });
		// Two joins from this browser at the same moment still make no second guest.
		phone.forgetSession();
		const both = await Promise.all([phone.join(w.joinCode, 'Åsa'), phone.join(w.joinCode, 'Åsa')]);
		expect(both.map((r) => r.status)).toEqual([200, 200]);
		expect((await (await asLeader().get(`/api/v1/workshops/${w.id}/participants`)).json()).guests).toHaveLength(1);
		// Another browser is another participant, and the facilitator sees the budget grow with it.
		const second = new Phone('192.0.2.10');
		expect((await second.join(w.joinCode, 'Åsa')).status).toBe(200);
		const after = await (await asLeader().get(`/api/v1/workshops/${w.id}/participants`)).json();
		expect(after).toMatchObject({ participants: 2, voteBudget: 6 });
	});
});

describe('removing a guest', () => {
	it('deletes its votes, journals it, closes its socket, and keeps it out, from the same browser too', async () => {
		const w = await openWorkshop({ votesPerParticipant: 5 });
		const mallory = new Phone('192.0.2.30');
		const honest = new Phone('192.0.2.31');
		expect((await mallory.join(w.joinCode, 'Mallory')).status).toBe(200);
		expect((await honest.join(w.joinCode, 'Hedda')).status).toBe(200);
		const card = await (await honest.post(`/api/v1/workshops/${w.id}/cards`, { text: 'För lite tid' })).json();
		await setPhase(w.id, 'vote');
		for (let i = 0; i < 5; i++) expect((await mallory.post(`/api/v1/workshops/${w.id}/votes`, { targetId: card.id })).status).toBe(201);
		expect((await honest.post(`/api/v1/workshops/${w.id}/votes`, { targetId: card.id })).status).toBe(201);
		const socket = liveClient(server.url, w.docName, { cookie: mallory.cookieHeader() });
		live.push(socket);
		await socket.synced;

		const overview = await (await asLeader().get(`/api/v1/workshops/${w.id}/participants`)).json();
		expect(overview.votesCast).toBe(6);
		const target = overview.guests.find((g: { name: string }) => g.name === 'Mallory');
		expect((await honest.delete(`/api/v1/workshops/${w.id}/participants/${target.id}`)).status).toBe(403);
		const removed = await asLeader().delete(`/api/v1/workshops/${w.id}/participants/${target.id}`);
		expect(removed.status).toBe(200);
		expect(await removed.json()).toEqual({ votesRemoved: 5 });

		await until(() => socket.closes.length > 0, 5000, 'removed guest socket closed');
		const vote = await mallory.post(`/api/v1/workshops/${w.id}/votes`, { targetId: card.id });
		expect([401, 404]).toContain(vote.status);
		const back = await mallory.join(w.joinCode, 'Mallory');
		expect(back.status).toBe(403);
		expect((await back.json()).error.code).toBe('guest_removed');
		const results = await (await asLeader().get(`/api/v1/workshops/${w.id}/results`)).json();
		expect(results.cards.find((c: { id: string }) => c.id === card.id).votes).toBe(1);
		const journal = await (await asLeader().get(`/api/v1/initiatives/${initiativeId}/audit`)).json();
		const entry = (Array.isArray(journal) ? journal : journal.entries).find((e: { action: string }) => e.action === 'workshop.guest_removed');
		expect(entry?.data).toMatchObject({ workshopId: w.id, guestId: target.id, votesRemoved: 5 });
		expect((await asLeader().delete(`/api/v1/workshops/${w.id}/participants/${target.id}`)).status).toBe(404);
	});
});

describe('cards on a slow network', () => {
	it('make one card per idempotency key, also when the repeats arrive together', async () => {
		const w = await openWorkshop();
		const phone = new Phone('192.0.2.40');
		expect((await phone.join(w.joinCode)).status).toBe(200);
		const post = (key: string, text: string) => phone.request('POST', `/api/v1/workshops/${w.id}/cards`, { text }, { 'idempotency-key': key });
		const first = await post('9b1f0c3e-key-one', 'Stolarna skrapar');
		expect(first.status).toBe(201);
		const card = await first.json();
		const repeat = await post('9b1f0c3e-key-one', 'Stolarna skrapar');
		expect(repeat.status).toBe(201);
		expect(repeat.headers.get('idempotent-replayed')).toBe('true');
		expect(await repeat.json()).toEqual(card);
		const together = await Promise.all(Array.from({ length: 6 }, () => post('9b1f0c3e-key-two', 'Det ekar')));
		const bodies = await Promise.all(together.map((r) => r.json()));
		expect(together.every((r) => r.status === 201)).toBe(true);
		expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
		const reused = await post('9b1f0c3e-key-two', 'En annan text');
		expect(reused.status).toBe(422);
		expect((await reused.json()).error.code).toBe('idempotency_key_reused');
		expect((await post('x', 'Kort nyckel')).status).toBe(400);
		// The page's form (no script: the key comes from the page) twice with one key: one card.
		const form = (text: string) =>
			phone.request('POST', `/w/${w.id}?/card`, new URLSearchParams({ text, idempotencyKey: '2f6c1d7a-form-key' }).toString(), {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			});
		const [f1, f2] = [await form('Fönstren står öppna'), await form('Fönstren står öppna')];
		expect(f1.status).toBe(200);
		expect(f2.status).toBe(200);
		expect(JSON.parse((await f1.json()).data)).toEqual(JSON.parse((await f2.json()).data));
		const mine = await (await phone.get(`/api/v1/workshops/${w.id}/cards`)).json();
		expect(mine.cards.map((c: { text: string }) => c.text).sort()).toEqual(['Det ekar', 'Fönstren står öppna', 'Stolarna skrapar']);
		const board = await (await asLeader().get(`/api/v1/workshops/${w.id}/results`)).json();
		expect(board.cards).toHaveLength(3);
	});
});

describe('a guest and their own cards', () => {
	it('edits and deletes its own card while collecting, never another’s, and not after collect', async () => {
		const w = await openWorkshop();
		const anna = new Phone('192.0.2.50');
		const bo = new Phone('192.0.2.51');
		expect((await anna.join(w.joinCode, 'Anna')).status).toBe(200);
		expect((await bo.join(w.joinCode, 'Bo')).status).toBe(200);
		const watcher = liveClient(server.url, w.docName, { cookie: bo.cookieHeader() });
		live.push(watcher);
		await watcher.synced;
		const a1 = await (await anna.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Stökigt' })).json();
		const a2 = await (await anna.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Dubblett' })).json();
		const b1 = await (await bo.post(`/api/v1/workshops/${w.id}/cards`, { text: 'Bos kort' })).json();

		const edited = await anna.patch(`/api/v1/workshops/${w.id}/cards/${a1.id}`, { text: 'Stökigt och högljutt' });
		expect(edited.status).toBe(200);
		await until(() => readBoard(watcher.doc).cards.some((c) => c.text === 'Stökigt och högljutt'), 5000, 'edit reaches the board');
		// What the others receive carries no author.
		expect(JSON.stringify(watcher.doc.getMap('cards').toJSON())).not.toMatch(/Anna|guest|author/i);

		expect((await anna.delete(`/api/v1/workshops/${w.id}/cards/${a2.id}`)).status).toBe(204);
		await until(() => !readBoard(watcher.doc).cards.some((c) => c.id === a2.id), 5000, 'deleted card leaves the board');

		const foreign = await anna.patch(`/api/v1/workshops/${w.id}/cards/${b1.id}`, { text: 'Kapat' });
		expect(foreign.status).toBe(403);
		expect((await anna.delete(`/api/v1/workshops/${w.id}/cards/${b1.id}`)).status).toBe(403);
		expect((await anna.patch(`/api/v1/workshops/${w.id}/cards/00000000-0000-4000-8000-000000000000`, { text: 'x' })).status).toBe(404);
		expect((await anna.patch(`/api/v1/workshops/${w.id}/cards/${a1.id}`, { text: '' })).status).toBe(400);

		await setPhase(w.id, 'cluster');
		const late = await anna.patch(`/api/v1/workshops/${w.id}/cards/${a1.id}`, { text: 'För sent' });
		expect(late.status).toBe(409);
		expect((await late.json()).error.code).toBe('phase_closed');
		expect((await anna.delete(`/api/v1/workshops/${w.id}/cards/${a1.id}`)).status).toBe(409);
		expect(readBoard(watcher.doc).cards.map((c) => c.text).sort()).toEqual(['Bos kort', 'Stökigt och högljutt']);
	});
});
