/**
 * The live stage boards of sprint rooms end to end: a real server on port 0, three supplier rooms,
 * y-websocket clients and raw sockets that keep every byte they receive. Checked here: a room's
 * documents (presence included) never reach another supplier; the art museum names nobody; the
 * decider's supervote counts once and only the decider's; the Map stage's "How might we" notes run
 * on the workshop engine in a workshop the room owns (invisible to other suppliers, silent until
 * the reveal, anonymous, phase and budget enforced); end users join a test session with the one
 * workshop join endpoint and fill the pattern grid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { liveClient, rawSocket, until, type LiveClient } from '../helpers/live.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { MESSAGE } from '../../src/lib/collab/protocol.ts';
import { auditLog, sprintHmwWorkshops, sprintRoomMembers, sprintRooms, sprintSupervotes, sprints, workshops as workshopsTable } from '../../src/lib/server/db/schema/index.ts';
import { SPRINT_STAGES, stageDocName, type SprintStage } from '../../src/lib/server/sprints/stages.ts';
import { addActor, patternGrid, readStageBoard, setGoal } from '../../src/lib/shapes/sprint-board.ts';
import { readBoard as readWorkshopBoard } from '../../src/lib/shapes/workshop.ts';

let server: TestServer;
let leader: TestUser;
let team: TestUser;
let sprintId: string;
let initiativeId: string;
const rooms: Array<{ id: string; letter: string; orgName: string; users: TestUser[] }> = [];
const live: LiveClient[] = [];

function as(user: TestUser | null): Client {
	const c = new Client(server.url);
	if (user) {
		const [name, value] = user.cookie.split('=');
		c.setCookie(name, value);
	}
	return c;
}

/** A y-websocket client that announces itself in presence (the server puts in the real name). */
function board(docName: string, cookie: string, claimedName = 'Någon'): LiveClient {
	const c = liveClient(server.url, docName, { cookie });
	c.provider.awareness.setLocalStateField('user', { name: claimedName, color: '#112233' });
	live.push(c);
	return c;
}

async function setStage(stage: SprintStage) {
	await server.app.db.update(sprints).set({ stage, stageStartedAt: new Date() }).where(eq(sprints.id, sprintId));
}

/** A raw room member: speaks the y-websocket protocol itself and keeps every byte it receives (awareness too). */
async function rawMember(docName: string, cookie: string) {
	const r = await rawSocket(server.url, `/yjs/${docName}`, { origin: server.url, cookie });
	if (r.kind !== 'open') throw new Error(`refused: ${r.status}`);
	const doc = new Y.Doc();
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE.sync);
	syncProtocol.writeSyncStep1(e, doc);
	r.ws.send(encoding.toUint8Array(e));
	// Ask for everyone's presence as well.
	const q = encoding.createEncoder();
	encoding.writeVarUint(q, MESSAGE.queryAwareness);
	r.ws.send(encoding.toUint8Array(q));
	let applied = 0;
	const awareness: unknown[] = [];
	const apply = () => {
		for (; applied < r.messages.length; applied++) {
			const d = decoding.createDecoder(r.messages[applied]);
			const type = decoding.readVarUint(d);
			if (type === MESSAGE.sync) syncProtocol.readSyncMessage(d, encoding.createEncoder(), doc, 'server');
			if (type === MESSAGE.awareness) {
				const update = decoding.readVarUint8Array(d);
				const dd = decoding.createDecoder(update);
				const n = decoding.readVarUint(dd);
				for (let i = 0; i < n; i++) {
					decoding.readVarUint(dd);
					decoding.readVarUint(dd);
					const state = JSON.parse(decoding.readVarString(dd));
					if (state) awareness.push(state);
				}
			}
		}
	};
	return {
		doc: () => (apply(), doc),
		awareness: () => (apply(), awareness),
		bytes: () => Buffer.concat(r.messages.map((m) => Buffer.from(m))).toString('utf8'),
		/** Each frame received, as text (to see what arrived together). */
		frames: () => r.messages.map((m) => Buffer.from(m).toString('utf8')),
		close: () => r.ws.close()
	};
}

beforeAll(async () => {
	server = await startTestServer();
	const app = server.app;
	const kommun = await makeOrganisation(app, 'buyer', 'Ystads kommun');
	leader = await makeUser(app, { organisationId: kommun.id, name: 'Lena Ledare' });
	team = await makeUser(app, { organisationId: kommun.id, name: 'Tove Team' });
	const initiative = await makeInitiative(app, leader, 'Trygg hemgång');
	initiativeId = initiative.id;
	await addMember(app, initiative.id, team.id, 'team');
	const [sprint] = await app.db
		.insert(sprints)
		.values({
			initiativeId: initiative.id,
			title: 'Hemgångssprinten',
			template: 'design_sprint_5',
			schedule: SPRINT_STAGES.map((s, i) => ({ day: i + 1, stages: [s] })),
			goal: 'Ingen ska vänta på hemgång',
			questions: ['Kan personalen lita på planen?', 'Förstår den äldre vad som händer?'],
			createdBy: leader.id
		})
		.returning();
	sprintId = sprint.id;
	for (const [i, letter] of ['A', 'B', 'C'].entries()) {
		const orgName = `Leverantör${letter}anska AB`;
		const org = await makeOrganisation(app, 'supplier', orgName);
		const users = [
			await makeUser(app, { organisationId: org.id, name: `Anna${letter}sson Leverantör` }),
			await makeUser(app, { organisationId: org.id, name: `Bertil${letter}sson Leverantör` }),
			await makeUser(app, { organisationId: org.id, name: `Cecilia${letter}sson Leverantör` })
		];
		const [room] = await app.db
			.insert(sprintRooms)
			.values({ sprintId, organisationId: org.id, letter, deciderUserId: users[0].id, termsAcceptedAt: new Date(), termsAcceptedBy: users[0].id })
			.returning();
		if (i === 0) await app.db.insert(sprintRoomMembers).values({ roomId: room.id, userId: team.id, addedBy: leader.id });
		rooms.push({ id: room.id, letter, orgName, users });
	}
});

afterAll(async () => {
	for (const c of live) c.destroy();
	await server?.stop();
});

describe('supplier isolation of the room documents', () => {
	it('refuses another supplier every stage board of a room, like a document that does not exist', async () => {
		const [a, b] = rooms;
		for (const stage of SPRINT_STAGES) {
			const r = await rawSocket(server.url, `/yjs/${stageDocName(a.id, stage)}`, { origin: server.url, cookie: b.users[0].cookie });
			expect(r.kind).toBe('refused');
			if (r.kind === 'refused') expect(r.status).toBe(403);
			const own = await rawSocket(server.url, `/yjs/${stageDocName(b.id, stage)}`, { origin: server.url, cookie: b.users[0].cookie });
			expect(own.kind).toBe('open');
			if (own.kind === 'open') own.ws.close();
		}
		expect((await as(b.users[0]).get(`/api/v1/sprint-rooms/${a.id}/test-sessions`)).status).toBe(404);
		expect((await as(b.users[0]).post(`/api/v1/sprint-rooms/${a.id}/sketches`, { title: 'x', panels: ['a', 'b', 'c'] })).status).toBe(404);
	});

	it('answers the room’s own supplier 409 terms_not_accepted on the upgrade until the terms are accepted, and other suppliers still 403', async () => {
		const [a, b] = rooms;
		await server.app.db.update(sprintRooms).set({ termsAcceptedAt: null, termsAcceptedBy: null }).where(eq(sprintRooms.id, a.id));
		try {
			for (const docName of [`sprint_room.${a.id}`, ...SPRINT_STAGES.map((stage) => stageDocName(a.id, stage))]) {
				const own = await rawSocket(server.url, `/yjs/${docName}`, { origin: server.url, cookie: a.users[1].cookie });
				expect(own.kind).toBe('refused');
				if (own.kind === 'refused') {
					expect(own.status).toBe(409);
					expect(JSON.parse(own.body).error.code).toBe('terms_not_accepted');
				}
				// Another supplier learns nothing: the same 403 as for a document that does not exist.
				const other = await rawSocket(server.url, `/yjs/${docName}`, { origin: server.url, cookie: b.users[0].cookie });
				expect(other.kind).toBe('refused');
				if (other.kind === 'refused') {
					expect(other.status).toBe(403);
					expect(JSON.parse(other.body).error.code).toBe('forbidden');
				}
				// The buyer team is not held back by a supplier's terms.
				const buyer = await rawSocket(server.url, `/yjs/${docName}`, { origin: server.url, cookie: team.cookie });
				expect(buyer.kind).toBe('open');
				if (buyer.kind === 'open') buyer.ws.close();
			}
			// The HTTP routes of the room give the same answer.
			const http = await as(a.users[1]).get(`/api/v1/sprint-rooms/${a.id}/test-sessions`);
			expect(http.status).toBe(409);
		} finally {
			await server.app.db.update(sprintRooms).set({ termsAcceptedAt: new Date(), termsAcceptedBy: a.users[0].id }).where(eq(sprintRooms.id, a.id));
		}
		const opened = await rawSocket(server.url, `/yjs/${stageDocName(a.id, 'map')}`, { origin: server.url, cookie: a.users[1].cookie });
		expect(opened.kind).toBe('open');
		if (opened.kind === 'open') opened.ws.close();
	});

	it('never sends one room’s content or presence to another supplier, on raw frames', async () => {
		await setStage('map');
		// Every room plants its own canaries: map content over the socket, and people present.
		const writers = [];
		for (const r of rooms) {
			const w = board(stageDocName(r.id, 'map'), r.users[1].cookie, `Kanarie-${r.letter}`);
			await w.synced;
			w.doc.transact(() => {
				setGoal(w.doc, `MÅL-KANARIE-${r.letter}`);
				addActor(w.doc, `AKTÖR-KANARIE-${r.letter}`);
			});
			writers.push(w);
		}
		// The buyer team member assigned to room A has it open too.
		const teamBoard = board(stageDocName(rooms[0].id, 'map'), team.cookie);
		await teamBoard.synced;
		const watchers = await Promise.all(rooms.map((r) => rawMember(stageDocName(r.id, 'map'), r.users[2].cookie)));
		for (const [i, r] of rooms.entries()) {
			await until(() => readStageBoard(watchers[i].doc()).goal === `MÅL-KANARIE-${r.letter}`, 5000, `room ${r.letter} synced`);
			await until(() => watchers[i].awareness().length >= 2, 5000, `room ${r.letter} presence`);
		}
		for (const [i, r] of rooms.entries()) {
			const received = watchers[i].bytes() + JSON.stringify(watchers[i].awareness());
			expect(received).toContain(`AKTÖR-KANARIE-${r.letter}`);
			for (const other of rooms.filter((o) => o !== r)) {
				expect(received).not.toContain(`KANARIE-${other.letter}`);
				expect(received).not.toContain(other.orgName);
				for (const u of other.users) expect(received).not.toContain(u.name);
			}
		}
		// Presence carries the server-known names of the room's own people only.
		const namesInA = watchers[0].awareness().map((s) => (s as { user?: { name?: string } }).user?.name);
		expect(namesInA).toContain(rooms[0].users[1].name);
		expect(namesInA).toContain(team.name);
		for (const w of watchers) w.close();
	});
});

describe('"How might we" notes on the workshop engine', () => {
	let wid: string;
	const hmw = (user: TestUser) => as(user).get(`/api/v1/sprint-rooms/${rooms[0].id}/hmw`);

	it('gives the room its own workshop, made on first use, that no other supplier can find by page, API, code or live document', async () => {
		await setStage('map');
		const [a, b] = rooms;
		const view = await (await hmw(a.users[0])).json();
		expect(view.workshop).toMatchObject({ phase: 'collect', anonymous: true, silent: true, votesPerParticipant: 3, revealed: false });
		expect(view.workshop.joinCode).toBeUndefined();
		expect(view.abilities).toEqual({ read: true, participate: true, facilitate: false });
		wid = view.workshop.id;
		// One per room, whoever asks next.
		expect((await (await hmw(team)).json()).workshop.id).toBe(wid);
		expect((await (await hmw(team)).json()).abilities).toEqual({ read: true, participate: true, facilitate: true });
		const links = await server.app.db.select().from(sprintHmwWorkshops).where(eq(sprintHmwWorkshops.roomId, a.id));
		expect(links.map((l) => l.workshopId)).toEqual([wid]);

		// Another supplier: 404 everywhere, the refusal that reveals nothing on the socket.
		expect((await as(b.users[0]).get(`/api/v1/sprint-rooms/${a.id}/hmw`)).status).toBe(404);
		expect((await as(b.users[0]).get(`/api/v1/workshops/${wid}`)).status).toBe(404);
		expect((await as(b.users[0]).get(`/api/v1/workshops/${wid}/cards`)).status).toBe(404);
		expect((await as(b.users[0]).post(`/api/v1/workshops/${wid}/cards`, { text: 'Intrång' })).status).toBe(404);
		expect((await as(b.users[0]).post(`/api/v1/workshops/${wid}/votes`, { targetId: crypto.randomUUID() })).status).toBe(404);
		expect((await as(b.users[0]).get(`/w/${wid}`)).status).toBe(404);
		const intruder = await rawSocket(server.url, `/yjs/workshop.${wid}`, { origin: server.url, cookie: b.users[0].cookie });
		expect(intruder.kind).toBe('refused');
		if (intruder.kind === 'refused') expect(intruder.status).toBe(403);
		// An observer does not read a confidential room, so not its notes either.
		const observer = await makeUser(server.app, { organisationId: team.organisationId, name: 'Olle Observatör' });
		await addMember(server.app, initiativeId, observer.id, 'observer');
		expect((await as(observer).get(`/api/v1/workshops/${wid}`)).status).toBe(404);
		// The room's workshop is not one of the initiative's needs workshops, and its code admits no guest.
		const list = await (await as(leader).get(`/api/v1/initiatives/${initiativeId}/workshops`)).json();
		expect(JSON.stringify(list)).not.toContain(wid);
		const page = await as(team).request('GET', `/initiatives/${initiativeId}/workshops/${wid}`, undefined, { accept: 'text/html' });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe(`/sprints/${a.id}`);
		const [row] = await server.app.db.select().from(workshopsTable).where(eq(workshopsTable.id, wid));
		const join = await as(null).post('/api/v1/workshops/join', { code: row.joinCode, displayName: 'Gäst' });
		expect(join.status).toBe(404);
		expect((await join.json()).error.code).toBe('unknown_code');

		// Before its terms are accepted, the room's own supplier gets the room's 409 on the socket too.
		await server.app.db.update(sprintRooms).set({ termsAcceptedAt: null, termsAcceptedBy: null }).where(eq(sprintRooms.id, a.id));
		try {
			const own = await rawSocket(server.url, `/yjs/workshop.${wid}`, { origin: server.url, cookie: a.users[1].cookie });
			expect(own.kind).toBe('refused');
			if (own.kind === 'refused') expect(JSON.parse(own.body).error.code).toBe('terms_not_accepted');
			const http = await as(a.users[1]).get(`/api/v1/workshops/${wid}`);
			expect(http.status).toBe(409);
			expect((await http.json()).error.code).toBe('terms_not_accepted');
			expect((await as(b.users[0]).get(`/api/v1/workshops/${wid}`)).status).toBe(404);
		} finally {
			await server.app.db.update(sprintRooms).set({ termsAcceptedAt: new Date(), termsAcceptedBy: a.users[0].id }).where(eq(sprintRooms.id, a.id));
		}
	});

	it('keeps silent notes out of every frame other participants receive until one reveal, and names nobody', async () => {
		const a = rooms[0];
		// Participants with the board open, announcing their own names in presence.
		const open = [...a.users.slice(0, 2), team].map((u) => board(`workshop.${wid}`, u.cookie, u.name));
		await Promise.all(open.map((c) => c.synced));
		const watcher = await rawMember(`workshop.${wid}`, a.users[2].cookie);
		const teamWatcher = await rawMember(`workshop.${wid}`, team.cookie);
		for (const [i, u] of a.users.slice(0, 2).entries()) {
			const res = await as(u).post(`/api/v1/workshops/${wid}/cards`, { text: `TYST-KANARIE-${i}` });
			expect(res.status).toBe(201);
			expect((await res.json()).private).toBe(true);
		}
		// Each author sees only their own note.
		const mine = await (await as(a.users[1]).get(`/api/v1/workshops/${wid}/cards`)).json();
		expect(mine.cards.map((c: { text: string }) => c.text)).toEqual(['TYST-KANARIE-1']);
		// The board keeps moving (the facilitator's timer) — and still carries no silent note.
		expect((await as(team).post(`/api/v1/workshops/${wid}/timer`, { seconds: 300 })).status).toBe(200);
		await until(() => typeof readWorkshopBoard(watcher.doc()).meta.timerEndsAt === 'number', 5000, 'timer on the board');
		await until(() => typeof readWorkshopBoard(teamWatcher.doc()).meta.timerEndsAt === 'number', 5000, 'timer on the team board');
		for (const w of [watcher, teamWatcher]) expect(w.bytes()).not.toContain('TYST-KANARIE');

		// Only a facilitator reveals; the notes then arrive together, in one frame.
		expect((await as(a.users[0]).post(`/api/v1/workshops/${wid}/reveal`)).status).toBe(403);
		const revealed = await as(team).post(`/api/v1/workshops/${wid}/reveal`);
		expect(revealed.status).toBe(200);
		expect((await revealed.json()).revealed).toBe(2);
		await until(() => readWorkshopBoard(watcher.doc()).cards.length === 2, 5000, 'revealed notes');
		const frames = watcher.frames().filter((f) => f.includes('TYST-KANARIE'));
		expect(frames).toHaveLength(1);
		expect(frames[0]).toContain('TYST-KANARIE-0');
		expect(frames[0]).toContain('TYST-KANARIE-1');

		// Anonymous: no author field, no name or id of anyone, neutral presence, no participant's client id.
		const doc = watcher.doc();
		for (const [, card] of doc.getMap<Y.Map<unknown>>('cards')) expect(Object.keys(card.toJSON()).sort()).toEqual(['createdAt', 'groupId', 'text']);
		await until(() => watcher.awareness().length >= 3, 5000, 'presence');
		const received = watcher.bytes() + JSON.stringify(watcher.awareness());
		for (const u of [...a.users, team, leader]) {
			expect(received).not.toContain(u.name);
			expect(received).not.toContain(u.id);
		}
		expect(received).not.toContain(a.orgName);
		for (const s of watcher.awareness()) expect((s as { user?: { name?: string } }).user?.name).toBe('Deltagare');
		const writers = new Set(doc.store.clients.keys());
		for (const c of open) expect(writers.has(c.doc.clientID)).toBe(false);
		const ledger = await server.app.db.select().from(auditLog).where(eq(auditLog.action, 'workshop.cards_revealed'));
		expect(ledger.length).toBeGreaterThan(0);
		watcher.close();
		teamWatcher.close();
	});

	it('enforces the engine’s phases, lock and vote budget for the room', async () => {
		const [a, b] = rooms;
		const note = (await (await as(a.users[0]).get(`/api/v1/workshops/${wid}/cards`)).json()).cards[0].id as string;
		// Collect: no votes yet. Suppliers do not facilitate.
		const early = await as(a.users[0]).post(`/api/v1/workshops/${wid}/votes`, { targetId: note });
		expect(early.status).toBe(409);
		expect((await early.json()).error.code).toBe('phase_closed');
		expect((await as(a.users[0]).post(`/api/v1/workshops/${wid}/phase`, { phase: 'vote' })).status).toBe(403);
		expect((await as(b.users[0]).post(`/api/v1/workshops/${wid}/phase`, { phase: 'vote' })).status).toBe(404);
		expect((await as(team).post(`/api/v1/workshops/${wid}/phase`, { phase: 'cluster' })).status).toBe(200);
		const late = await as(a.users[1]).post(`/api/v1/workshops/${wid}/cards`, { text: 'För sent' });
		expect(late.status).toBe(409);
		expect((await late.json()).error.code).toBe('phase_closed');
		expect((await as(team).post(`/api/v1/workshops/${wid}/phase`, { phase: 'vote' })).status).toBe(200);
		for (let i = 0; i < 3; i++) expect((await as(a.users[0]).post(`/api/v1/workshops/${wid}/votes`, { targetId: note })).status).toBe(201);
		const over = await as(a.users[0]).post(`/api/v1/workshops/${wid}/votes`, { targetId: note });
		expect(over.status).toBe(409);
		expect((await over.json()).error.code).toBe('vote_budget_exhausted');
		// The lock holds everyone who participates.
		expect((await as(team).post(`/api/v1/workshops/${wid}/lock`, { locked: true })).status).toBe(200);
		const held = await as(a.users[1]).post(`/api/v1/workshops/${wid}/votes`, { targetId: note });
		expect(held.status).toBe(409);
		expect((await held.json()).error.code).toBe('board_locked');
		expect((await as(team).post(`/api/v1/workshops/${wid}/lock`, { locked: false })).status).toBe(200);
		// The dot kind that bypassed the engine is gone.
		expect((await as(a.users[0]).post(`/api/v1/sprint-rooms/${a.id}/dots`, { kind: 'hmw', targetId: note })).status).toBe(400);
		// The leader's overview counts them (counts only), and the sprint log lists the revealed notes.
		const progress = await (await as(leader).get(`/api/v1/sprints/${sprintId}/progress`)).json();
		const roomA = progress.rooms.find((r: { roomId: string }) => r.roomId === a.id);
		expect(roomA.counts).toMatchObject({ hmwNotes: 2, hmwDots: 3 });
		const log = JSON.stringify(await (await as(a.users[0]).get(`/api/v1/sprint-rooms/${a.id}/log`)).json());
		expect(log).toContain('Hur skulle vi kunna: TYST-KANARIE-0');
	});
});

describe('the art museum at the protocol level', () => {
	it('shows solution sketches, critiques and dots without any author or supplier identity', async () => {
		await setStage('decide');
		const a = rooms[0];
		const viewer = await rawMember(stageDocName(a.id, 'decide'), a.users[2].cookie);
		const spy = board(stageDocName(a.id, 'decide'), team.cookie);
		const drawers = a.users.slice(0, 2).map((u) => board(stageDocName(a.id, 'decide'), u.cookie, u.name));
		await Promise.all([spy.synced, ...drawers.map((d) => d.synced)]);
		const ids: string[] = [];
		for (const [i, u] of a.users.slice(0, 2).entries()) {
			const res = await as(u).post(`/api/v1/sprint-rooms/${a.id}/sketches`, { title: `Skiss ${i + 1}`, panels: ['Hemma', 'Larmet går', 'Hjälp kommer'] });
			expect(res.status).toBe(201);
			ids.push((await res.json()).id);
		}
		expect((await as(a.users[1]).post(`/api/v1/sprint-rooms/${a.id}/critiques`, { sketchId: ids[0], text: 'Tydligt flöde' })).status).toBe(201);
		expect((await as(a.users[0]).post(`/api/v1/sprint-rooms/${a.id}/dots`, { targetId: ids[1], kind: 'heat' })).status).toBe(201);
		await until(() => {
			const b = readStageBoard(viewer.doc());
			return b.museum.length === 2 && b.critiques.length === 1 && b.museum.some((s) => s.heat === 1);
		}, 5000, 'museum received');

		const doc = viewer.doc();
		for (const [, sketch] of doc.getMap<Y.Map<unknown>>('museum')) expect(Object.keys(sketch.toJSON()).sort()).toEqual(['createdAt', 'fileIds', 'panels', 'title']);
		for (const [, c] of doc.getMap<Y.Map<unknown>>('critiques')) expect(Object.keys(c.toJSON()).sort()).toEqual(['createdAt', 'sketchId', 'text']);
		// Written by the server, never by a participant's client.
		for (const client of doc.store.clients.keys()) {
			for (const p of [spy, ...drawers]) expect(client).not.toBe(p.doc.clientID);
		}
		await until(() => viewer.awareness().length >= 3, 5000, 'presence of others');
		const received = viewer.bytes() + JSON.stringify(viewer.awareness());
		for (const u of a.users) {
			expect(received).not.toContain(u.name);
			expect(received).not.toContain(u.id);
		}
		expect(received).not.toContain(team.name);
		expect(received).not.toContain(a.orgName);
		const names = viewer.awareness().map((s) => (s as { user?: { name?: string } }).user?.name);
		expect(names.every((n) => n === 'Deltagare')).toBe(true);
		viewer.close();
	});

	it('refuses a participant’s socket write to the museum', async () => {
		const a = rooms[0];
		const c = board(stageDocName(a.id, 'decide'), a.users[1].cookie);
		await c.synced;
		const m = new Y.Map<unknown>();
		m.set('title', 'Smugglad');
		c.doc.getMap('museum').set(crypto.randomUUID(), m);
		await until(() => c.closes.some((x) => x.code === 4400), 5000, 'closed with 4400');
	});
});

describe('the decider’s supervote', () => {
	it('counts once and only the decider’s', async () => {
		const a = rooms[0];
		const sketch = await as(a.users[1]).post(`/api/v1/sprint-rooms/${a.id}/sketches`, { title: 'Vinnaren', panels: ['1', '2', '3'] });
		const { id } = await sketch.json();
		expect((await as(a.users[1]).post(`/api/v1/sprint-rooms/${a.id}/supervote`, { sketchId: id })).status).toBe(403);
		expect((await as(leader).post(`/api/v1/sprint-rooms/${a.id}/supervote`, { sketchId: id })).status).toBe(403);
		expect((await as(rooms[1].users[0]).post(`/api/v1/sprint-rooms/${a.id}/supervote`, { sketchId: id })).status).toBe(404);
		const first = await as(a.users[0]).post(`/api/v1/sprint-rooms/${a.id}/supervote`, { sketchId: id });
		expect(first.status).toBe(200);
		const again = await as(a.users[0]).post(`/api/v1/sprint-rooms/${a.id}/supervote`, { sketchId: id });
		expect(again.status).toBe(409);
		expect((await again.json()).error.code).toBe('supervote_cast');
		const rows = await server.app.db.select().from(sprintSupervotes).where(eq(sprintSupervotes.roomId, a.id));
		expect(rows).toHaveLength(1);
		expect(rows[0].userId).toBe(a.users[0].id);
		const seen = await server.app.liveDocs!.read(stageDocName(a.id, 'decide'), (d) => readStageBoard(d).supervote);
		expect(seen).toBe(id);
	});

	it('refuses a sketch from another room', async () => {
		const b = rooms[1];
		const res = await as(b.users[1]).post(`/api/v1/sprint-rooms/${b.id}/sketches`, { title: 'B:s', panels: ['1', '2', '3'] });
		const { id } = await res.json();
		const vote = await as(rooms[2].users[0]).post(`/api/v1/sprint-rooms/${rooms[2].id}/supervote`, { sketchId: id });
		expect(vote.status).toBe(404);
	});
});

describe('end-user test sessions', () => {
	it('lets end users join by code with the workshop join endpoint, consent, and fill the pattern grid', async () => {
		await setStage('test');
		const a = rooms[0];
		const created = await as(a.users[1]).post(`/api/v1/sprint-rooms/${a.id}/test-sessions`, {});
		expect(created.status).toBe(201);
		const { code } = await created.json();
		expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
		expect((await as(rooms[1].users[0]).get(`/api/v1/sprint-rooms/${a.id}/test-sessions`)).status).toBe(404);

		const phone = new Client(server.url);
		const joined = await phone.post('/api/v1/workshops/join', { code, displayName: 'Greta' });
		expect(joined.status).toBe(200);
		const body = await joined.json();
		expect(body.landing).toBe(`/t/${body.workshopId}`);
		// The session's workshop row belongs to the room, not to the initiative's needs workshops.
		const listed = await (await as(leader).get(`/api/v1/initiatives/${initiativeId}/workshops`)).json();
		expect(listed.workshops.map((w: { id: string }) => w.id)).not.toContain(body.workshopId);
		// The end user sees nothing of the room's boards.
		const denied = await rawSocket(server.url, `/yjs/${stageDocName(a.id, 'test')}`, { origin: server.url, cookie: phone.cookieHeader() });
		expect(denied.kind).toBe('refused');

		const testBoard = board(stageDocName(a.id, 'test'), a.users[1].cookie);
		await testBoard.synced;
		expect((await phone.post('/api/v1/test-sessions/consent', {})).status).toBe(200);
		await until(() => readStageBoard(testBoard.doc).interviewees.length === 1, 5000, 'interviewee on the board');
		const interviewee = readStageBoard(testBoard.doc).interviewees[0];
		expect(interviewee.name).toBe('Greta');

		for (const [frame, tag] of [
			[1, 'positive'],
			[2, 'negative'],
			[2, 'neutral']
		] as const) {
			const res = await as(a.users[1]).post(`/api/v1/sprint-rooms/${a.id}/test-notes`, { intervieweeId: interviewee.id, frame, tag, text: `Ruta ${frame}` });
			expect(res.status).toBe(201);
		}
		await until(() => readStageBoard(testBoard.doc).notes.length === 3, 5000, 'notes on the board');
		const grid = patternGrid(readStageBoard(testBoard.doc));
		expect(grid.rows).toHaveLength(1);
		expect(grid.rows[0].cells[0]).toEqual({ positive: 1, negative: 0, neutral: 0 });
		expect(grid.rows[0].cells[1]).toEqual({ positive: 0, negative: 1, neutral: 1 });
		// Another room cannot tag this room's interviewee.
		const b = rooms[1];
		const foreign = await as(b.users[0]).post(`/api/v1/sprint-rooms/${b.id}/test-notes`, { intervieweeId: interviewee.id, frame: 1, tag: 'positive', text: 'x' });
		expect(foreign.status).toBe(404);
	});
});

describe('closing end-user test sessions', () => {
	async function openSession(room: (typeof rooms)[number], name: string) {
		const created = await as(room.users[1]).post(`/api/v1/sprint-rooms/${room.id}/test-sessions`, {});
		expect(created.status).toBe(201);
		const { code } = await created.json();
		const phone = new Client(server.url);
		const joined = await phone.post('/api/v1/workshops/join', { code, displayName: name });
		expect(joined.status).toBe(200);
		const { workshopId } = await joined.json();
		expect((await phone.post('/api/v1/test-sessions/consent', {})).status).toBe(200);
		return { code: code as string, workshopId: workshopId as string, phone };
	}
	const phaseOf = async (workshopId: string) =>
		(await server.app.db.select({ phase: workshopsTable.phase }).from(workshopsTable).where(eq(workshopsTable.id, workshopId)))[0]?.phase;

	it('closes every room’s test sessions when the sprint moves on from Test, so the guests’ sessions end', async () => {
		await setStage('test');
		const [a, b] = rooms;
		const inA = await openSession(a, 'Harald');
		const inB = await openSession(b, 'Ingrid');
		// Starting Test again is not leaving it.
		expect((await as(leader).post(`/api/v1/sprints/${sprintId}/stage`, { stage: 'test' })).status).toBe(200);
		expect(await phaseOf(inA.workshopId)).toBe('collect');

		expect((await as(leader).post(`/api/v1/sprints/${sprintId}/stage`, { stage: 'decide' })).status).toBe(200);
		for (const s of [inA, inB]) {
			expect(await phaseOf(s.workshopId)).toBe('closed');
			expect((await s.phone.post('/api/v1/test-sessions/consent', {})).status).toBe(401);
			expect((await new Client(server.url).post('/api/v1/workshops/join', { code: s.code, displayName: 'Sen' })).status).not.toBe(200);
		}
		const journal = await server.app.db.select().from(auditLog).where(eq(auditLog.action, 'workshop.closed'));
		expect(journal.map((e) => (e.data as { workshopId: string }).workshopId)).toEqual(expect.arrayContaining([inA.workshopId, inB.workshopId]));
	});

	it('closes a room’s test sessions when the room is locked, and leaves other rooms’ open', async () => {
		await setStage('test');
		const [a, , c] = rooms;
		const inA = await openSession(a, 'Jonas');
		const inC = await openSession(c, 'Karin');
		try {
			expect((await as(leader).post(`/api/v1/sprints/${sprintId}/lock`, { locked: true, roomId: c.id })).status).toBe(200);
			expect(await phaseOf(inC.workshopId)).toBe('closed');
			expect((await inC.phone.post('/api/v1/test-sessions/consent', {})).status).toBe(401);
			expect(await phaseOf(inA.workshopId)).toBe('collect');
			expect((await inA.phone.post('/api/v1/test-sessions/consent', {})).status).toBe(200);
		} finally {
			await as(leader).post(`/api/v1/sprints/${sprintId}/lock`, { locked: false, roomId: c.id });
		}
	});
});

describe('the buyer gallery', () => {
	it('shows every room’s sketches by letter to the buyer team, names only after a journalled reveal', async () => {
		const g = await (await as(team).get(`/api/v1/sprints/${sprintId}/gallery`)).json();
		expect(g.revealed).toBe(false);
		expect(g.rooms.map((r: { letter: string }) => r.letter)).toEqual(['A', 'B', 'C']);
		const text = JSON.stringify(g);
		for (const r of rooms) expect(text).not.toContain(r.orgName);
		expect((await as(rooms[0].users[0]).get(`/api/v1/sprints/${sprintId}/gallery`)).status).toBe(403);
		expect((await as(team).post(`/api/v1/sprints/${sprintId}/gallery/reveal`, { reason: 'Jämförelse klar' })).status).toBe(403);
		expect((await as(leader).post(`/api/v1/sprints/${sprintId}/gallery/reveal`, { reason: 'Jämförelse klar' })).status).toBe(200);
		const after = await (await as(team).get(`/api/v1/sprints/${sprintId}/gallery`)).json();
		expect(after.rooms[0].organisation.name).toBe(rooms[0].orgName);
	});
});
