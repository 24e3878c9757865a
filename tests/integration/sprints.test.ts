/**
 * Innovation sprints through the real server: a process leader runs a sprint with THREE supplier
 * rooms (two organisations picked directly, one invited by e-mail). Unique strings are planted in
 * each room — a one-room input (with its written reason) and its file, a question — and everything
 * the other suppliers can reach is crawled for them: the API, pages, files, exports, live
 * documents, notifications and their outbox mail. The terms gate, identical inputs (one hash, one
 * arrival time), the refusal of a one-room input without a reason, questions answered to all,
 * the parity report and the conflicts register are checked on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { liveClient, until } from '../helpers/live.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { ManualClock } from '../../src/lib/server/clock.ts';
import { auditLog, outbox, users } from '../../src/lib/server/db/schema/index.ts';

const clock = new ManualClock('2027-03-01T08:00:00Z');
let server: TestServer;
let leader: TestUser;
let teamMember: TestUser;
let observer: TestUser;
let outsider: TestUser;
let a1: TestUser;
let b1: TestUser;
let c1: TestUser;
let d1: TestUser;
let initiativeId: string;
let needId: string;
let sprintId: string;
const rooms: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
const orgs: Record<'A' | 'B' | 'C' | 'D', { id: string; name: string }> = {} as never;
let commonFile: string;
const files: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
const inputs: Record<'common' | 'A' | 'B' | 'C', string> = { common: '', A: '', B: '', C: '' };

/** Unique strings planted in each room. */
const CANARY = {
	A: { title: 'KANARIE-A-UNDERLAG-1187', body: 'KANARIE-A-TEXT-2291', reason: 'KANARIE-A-SKÄL-3302', file: 'KANARIE-A-FIL-4415', question: 'KANARIE-A-FRÅGA-5528', log: 'KANARIE-A-LÄRDOM-6631', proposal: 'KANARIE-A-FÖRSLAG-7719' },
	B: { title: 'KANARIE-B-UNDERLAG-7742', body: 'KANARIE-B-TEXT-8853', reason: 'KANARIE-B-SKÄL-9964', file: 'KANARIE-B-FIL-1075', question: 'KANARIE-B-FRÅGA-2186', answer: 'KANARIE-B-SVAR-3297' },
	C: { title: 'KANARIE-C-UNDERLAG-4308', body: 'KANARIE-C-TEXT-5419', reason: 'KANARIE-C-SKÄL-6520', file: 'KANARIE-C-FIL-7631', question: 'KANARIE-C-FRÅGA-8742' }
};

function as(user: TestUser | null): Client {
	const c = new Client(server.url);
	if (user) {
		const [name, value] = user.cookie.split('=');
		c.setCookie(name, value);
	}
	return c;
}

async function emailOf(user: TestUser): Promise<string> {
	const [row] = await server.app.db.select({ email: users.email }).from(users).where(eq(users.id, user.id));
	return row.email;
}

async function upload(user: TestUser, ownerId: string, text: string, name: string): Promise<Response> {
	const form = new FormData();
	form.set('purpose', 'sprint_input');
	form.set('ownerId', ownerId);
	form.set('file', new Blob([new TextEncoder().encode(text)]), name);
	return fetch(`${server.url}/api/v1/files`, { method: 'POST', body: form, headers: { cookie: as(user).cookieHeader(), origin: server.url } });
}

async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
	const text = await res.text();
	expect(res.status, text).toBe(status);
	return JSON.parse(text) as T;
}

beforeAll(async () => {
	server = await startTestServer({}, { clock });
	const app = server.app;
	const buyer = await makeOrganisation(app, 'buyer', 'Ystads kommun');
	leader = await makeUser(app, { organisationId: buyer.id, name: 'Lena Ledare' });
	teamMember = await makeUser(app, { organisationId: buyer.id, name: 'Tove Team' });
	observer = await makeUser(app, { organisationId: buyer.id, name: 'Olle Observatör' });
	outsider = await makeUser(app, { organisationId: buyer.id, name: 'Ulla Utanför' });
	const initiative = await makeInitiative(app, leader, 'Trygg hemgång');
	initiativeId = initiative.id;
	await addMember(app, initiativeId, teamMember.id, 'team');
	await addMember(app, initiativeId, observer.id, 'observer');
	for (const [key, name] of [
		['A', 'Alfasensor AB'],
		['B', 'Betavård AB'],
		['C', 'Cetalarm AB'],
		['D', 'Deltadata AB']
	] as const) {
		const org = await makeOrganisation(app, 'supplier', name);
		orgs[key] = { id: org.id, name: org.name };
	}
	a1 = await makeUser(app, { organisationId: orgs.A.id, name: 'Anna Alfa' });
	b1 = await makeUser(app, { organisationId: orgs.B.id, name: 'Bengt Beta' });
	c1 = await makeUser(app, { organisationId: orgs.C.id, name: 'Cecilia Ceta' });
	d1 = await makeUser(app, { organisationId: orgs.D.id, name: 'David Delta' });
	const need = await json<{ id: string }>(await as(leader).post(`/api/v1/initiatives/${initiativeId}/needs`, { title: 'Färre återinskrivningar' }), 201);
	needId = need.id;
});

afterAll(async () => {
	await server?.stop();
});

describe('creating a sprint and its rooms', () => {
	it('creates a sprint from a built-in template and refuses an unknown one', async () => {
		const bad = await as(leader).post(`/api/v1/initiatives/${initiativeId}/sprints`, { title: 'X', template: 'nope', goal: 'Mål', questions: [] });
		expect((await json<{ error: { code: string } }>(bad, 400)).error.code).toBe('unknown_template');
		const created = await json<{ id: string }>(
			await as(leader).post(`/api/v1/initiatives/${initiativeId}/sprints`, {
				title: 'Sprint hemgång',
				template: 'design_sprint_5',
				goal: 'Ingen ska behöva åka tillbaka till sjukhuset första veckan.',
				questions: ['Kan vi upptäcka oro tidigt?', 'Litar personalen på larmen?'],
				needIds: [needId]
			}),
			201
		);
		sprintId = created.id;
		// Team members work in sprints but do not create them; suppliers and strangers do not know the initiative.
		expect((await as(teamMember).post(`/api/v1/initiatives/${initiativeId}/sprints`, { title: 'Y', template: 'design_sprint_4', goal: 'Mål', questions: [] })).status).toBe(403);
		expect((await as(a1).post(`/api/v1/initiatives/${initiativeId}/sprints`, { title: 'Y', template: 'design_sprint_4', goal: 'Mål', questions: [] })).status).toBe(404);
	});

	it('adds rooms for organisations directly and by e-mail invitation, each with its own live document', async () => {
		for (const key of ['A', 'B'] as const) {
			const res = await json<{ roomId: string; docName: string }>(await as(leader).post(`/api/v1/sprints/${sprintId}/rooms`, { organisationId: orgs[key].id }), 201);
			expect(res.docName).toBe(`sprint_room.${res.roomId}`);
			rooms[key] = res.roomId;
		}
		const again = await as(leader).post(`/api/v1/sprints/${sprintId}/rooms`, { organisationId: orgs.A.id });
		expect((await json<{ error: { code: string } }>(again, 409)).error.code).toBe('already_in_sprint');
		const invited = await json<{ roomId: string; inviteUrl: string }>(await as(leader).post(`/api/v1/sprints/${sprintId}/rooms`, { email: await emailOf(c1) }), 201);
		rooms.C = invited.roomId;
		const token = invited.inviteUrl.split('/').pop();
		const accepted = await json(await as(c1).post(`/api/v1/invitations/${token}/accept`), 200);
		expect(accepted).toEqual({ sprintRoomId: rooms.C });
		await as(leader).patch(`/api/v1/sprint-rooms/${rooms.A}`, { members: [teamMember.id], deciderUserId: a1.id }).then((r) => json(r, 200));
	});

	it('shows the buyer team every room and a supplier only its own room, without a count or letter of the others', async () => {
		const full = await json<{ rooms: Array<{ id: string; organisation?: { name: string }; letter?: string }> }>(await as(leader).get(`/api/v1/sprints/${sprintId}`), 200);
		expect(full.rooms.map((r) => r.id).sort()).toEqual([rooms.A, rooms.B, rooms.C].sort());
		expect(full.rooms.map((r) => r.organisation?.name).sort()).toEqual([orgs.A.name, orgs.B.name, orgs.C.name].sort());
		const own = await json<{ rooms: Array<Record<string, unknown>> }>(await as(b1).get(`/api/v1/sprints/${sprintId}`), 200);
		expect(own.rooms).toEqual([{ id: rooms.B, docName: `sprint_room.${rooms.B}`, organisation: { id: orgs.B.id, name: orgs.B.name } }]);
		expect((await as(d1).get(`/api/v1/sprints/${sprintId}`)).status).toBe(404);
		expect((await as(outsider).get(`/api/v1/sprints/${sprintId}`)).status).toBe(404);
		expect((await as(null).get(`/api/v1/sprints/${sprintId}`)).status).toBe(401);
	});
});

describe('terms of participation', () => {
	it('keeps the room closed to its supplier (409 terms_not_accepted) until the terms are accepted, and journals the acceptance', async () => {
		const closed = await as(a1).get(`/api/v1/sprint-rooms/${rooms.A}`);
		expect((await json<{ error: { code: string } }>(closed, 409)).error.code).toBe('terms_not_accepted');
		expect((await as(a1).post(`/api/v1/sprint-rooms/${rooms.A}/questions`, { text: 'Får vi fråga?' })).status).toBe(409);
		const live = liveClient(server.url, `sprint_room.${rooms.A}`, { cookie: a1.cookie });
		await until(() => live.closes.length > 0, 5000, 'refused live document before the terms');
		live.destroy();
		const terms = await json<{ accepted: boolean; terms: { sv: Array<{ heading: string }> } }>(await as(a1).get(`/api/v1/sprint-rooms/${rooms.A}/terms`), 200);
		expect(terms.accepted).toBe(false);
		expect(terms.terms.sv.map((t) => t.heading)).toEqual(['Äganderätt', 'Sekretess', 'Likabehandling']);
		// Another supplier may not even learn the room exists, let alone accept for it.
		expect((await as(b1).post(`/api/v1/sprint-rooms/${rooms.A}/terms`, { accept: true })).status).toBe(404);
		// The buyer side does not accept on the supplier's behalf.
		expect((await as(leader).post(`/api/v1/sprint-rooms/${rooms.A}/terms`, { accept: true })).status).toBe(403);
		for (const [user, key] of [[a1, 'A'], [b1, 'B'], [c1, 'C']] as const) {
			await json(await as(user).post(`/api/v1/sprint-rooms/${rooms[key]}/terms`, { accept: true }), 200);
		}
		const twice = await as(a1).post(`/api/v1/sprint-rooms/${rooms.A}/terms`, { accept: true });
		expect((await json<{ error: { code: string } }>(twice, 409)).error.code).toBe('terms_already_accepted');
		const journal = await server.app.db.select().from(auditLog).where(eq(auditLog.action, 'sprint.terms_accepted'));
		expect(journal).toHaveLength(3);
		await json(await as(a1).get(`/api/v1/sprint-rooms/${rooms.A}`), 200);
	});
});

describe('identical inputs', () => {
	it('places an input published to the sprint in every room as the same version at the same moment', async () => {
		const file = await json<{ id: string }>(await upload(leader, sprintId, 'Expertintervju med distriktssköterska', 'expert.txt'), 201);
		commonFile = file.id;
		// Suppliers never upload buyer inputs.
		expect((await upload(a1, sprintId, 'x', 'x.txt')).status).toBeGreaterThanOrEqual(403);
		const input = await json<{ id: string }>(
			await as(leader).post(`/api/v1/sprints/${sprintId}/inputs`, { title: 'Fråga experterna', body: 'Anteckningar från expertsamtalen.', fileIds: [commonFile] }),
			201
		);
		inputs.common = input.id;
		const seen = [];
		for (const [user, key] of [[a1, 'A'], [b1, 'B'], [c1, 'C']] as const) {
			const room = await json<{ inputs: Array<{ id: string; sha256: string; arrivedAt: string }> }>(await as(user).get(`/api/v1/sprint-rooms/${rooms[key]}`), 200);
			const got = room.inputs.find((i) => i.id === input.id)!;
			expect(got.sha256).toMatch(/^[0-9a-f]{64}$/);
			seen.push(got);
		}
		expect(new Set(seen.map((s) => s.sha256)).size).toBe(1);
		expect(new Set(seen.map((s) => s.arrivedAt)).size).toBe(1);
		// Every supplier may download the common file.
		for (const user of [a1, b1, c1]) expect((await as(user).get(`/api/v1/files/${commonFile}`)).status).toBe(200);
	});

	it('refuses an input to one room without a written reason', async () => {
		const res = await as(leader).post(`/api/v1/sprints/${sprintId}/inputs`, { title: 'Bara till A', roomId: rooms.A });
		expect((await json<{ error: { code: string } }>(res, 400)).error.code).toBe('reason_required');
		const blank = await as(leader).post(`/api/v1/sprints/${sprintId}/inputs`, { title: 'Bara till A', roomId: rooms.A, reason: '   ' });
		expect((await json<{ error: { code: string } }>(blank, 400)).error.code).toBe('reason_required');
	});

	it('sends an input to one room with its reason, journalled, and plants each room’s strings', async () => {
		clock.advance(60_000);
		for (const key of ['A', 'B', 'C'] as const) {
			const f = await json<{ id: string }>(await upload(leader, sprintId, `${CANARY[key].file} innehåll`, `${CANARY[key].file}.txt`), 201);
			files[key] = f.id;
			const input = await json<{ id: string }>(
				await as(leader).post(`/api/v1/sprints/${sprintId}/inputs`, { title: CANARY[key].title, body: CANARY[key].body, fileIds: [f.id], roomId: rooms[key], reason: CANARY[key].reason }),
				201
			);
			inputs[key] = input.id;
		}
		const journal = await server.app.db.select().from(auditLog).where(eq(auditLog.action, 'sprint.input_published_to_room'));
		expect(journal.map((j) => (j.data as { reason: string }).reason).sort()).toEqual([CANARY.A.reason, CANARY.B.reason, CANARY.C.reason].sort());
		const roomA = await json<{ inputs: Array<{ id: string; thisRoomOnly: boolean; reason?: string }> }>(await as(a1).get(`/api/v1/sprint-rooms/${rooms.A}`), 200);
		const mine = roomA.inputs.find((i) => i.id === inputs.A)!;
		expect(mine.thisRoomOnly).toBe(true);
		expect(mine.reason).toBeUndefined();
		expect(roomA.inputs.map((i) => i.id).sort()).toEqual([inputs.common, inputs.A].sort());
	});
});

describe('questions', () => {
	it('answers a question asked in one room to every room without the asker, or to the asking room with a recorded reason', async () => {
		const qa = await json<{ id: string }>(await as(a1).post(`/api/v1/sprint-rooms/${rooms.A}/questions`, { text: CANARY.A.question }), 201);
		const qb = await json<{ id: string }>(await as(b1).post(`/api/v1/sprint-rooms/${rooms.B}/questions`, { text: CANARY.B.question }), 201);
		await json(await as(c1).post(`/api/v1/sprint-rooms/${rooms.C}/questions`, { text: CANARY.C.question }), 201);
		// To all rooms, reworded so the question does not identify the asker.
		await json(await as(leader).post(`/api/v1/sprints/${sprintId}/questions/${qa.id}/answer`, { question: 'Hur ofta mäts puls?', answer: 'Två gånger per dygn.' }), 200);
		// B's question concerns B's own solution only.
		await json(
			await as(leader).post(`/api/v1/sprints/${sprintId}/questions/${qb.id}/answer`, { answer: CANARY.B.answer, specificReason: 'Frågan gäller Betas egen sensorlösning.' }),
			200
		);
		const again = await as(leader).post(`/api/v1/sprints/${sprintId}/questions/${qa.id}/answer`, { answer: 'Igen' });
		expect(again.status).toBe(409);
		const seenByC = await json<Array<{ text: string; answer: string | null; asker?: unknown; askedAt?: string; askedHere: boolean }>>(await as(c1).get(`/api/v1/sprint-rooms/${rooms.C}/questions`), 200);
		const shared = seenByC.find((q) => q.text === 'Hur ofta mäts puls?')!;
		expect(shared.answer).toBe('Två gånger per dygn.');
		expect(shared.asker).toBeUndefined();
		expect(shared.askedAt).toBeUndefined();
		expect(shared.askedHere).toBe(false);
		expect(seenByC.some((q) => q.answer === CANARY.B.answer)).toBe(false);
		const seenByB = await json<Array<{ answer: string | null }>>(await as(b1).get(`/api/v1/sprint-rooms/${rooms.B}/questions`), 200);
		expect(seenByB.some((q) => q.answer === CANARY.B.answer)).toBe(true);
	});
});

describe('stages, meetings and the log', () => {
	it('starts a stage in every room at once with a shared timer, seen live in each room’s document', async () => {
		const live = liveClient(server.url, `sprint_room.${rooms.B}`, { cookie: b1.cookie });
		await live.synced;
		const started = await json<{ stage: string; timerEndsAt: string; rooms: number }>(await as(leader).post(`/api/v1/sprints/${sprintId}/stage`, { stage: 'map', timerSeconds: 600 }), 200);
		expect(started.rooms).toBe(3);
		expect(started.timerEndsAt).toBe(new Date(clock.now().getTime() + 600_000).toISOString());
		await until(() => live.doc.getMap('meta').get('stage') === 'map', 5000, 'stage in room B');
		expect(live.doc.getMap('meta').get('timerEndsAt')).toBe(started.timerEndsAt);
		live.destroy();
		for (const [user, key] of [[a1, 'A'], [c1, 'C']] as const) {
			const room = await json<{ stage: string }>(await as(user).get(`/api/v1/sprint-rooms/${rooms[key]}`), 200);
			expect(room.stage).toBe('map');
		}
		expect((await as(teamMember).post(`/api/v1/sprints/${sprintId}/stage`, { stage: 'sketch' })).status).toBe(403);
	});

	it('refuses another supplier’s connection to a room’s live document', async () => {
		const intruder = liveClient(server.url, `sprint_room.${rooms.A}`, { cookie: b1.cookie });
		await until(() => intruder.closes.length > 0, 5000, 'refusal');
		expect(intruder.doc.getMap('meta').size).toBe(0);
		intruder.destroy();
	});

	it('logs the buyer team’s meetings in the rooms they are assigned to, and records findings', async () => {
		const start = new Date(clock.now().getTime() - 45 * 60_000).toISOString();
		await json(await as(teamMember).post(`/api/v1/sprint-rooms/${rooms.A}/meetings`, { startedAt: start, endedAt: clock.now().toISOString(), topic: 'Expertsamtal' }), 201);
		// Not assigned to B: reads the room, does not write in it.
		expect((await as(teamMember).post(`/api/v1/sprint-rooms/${rooms.B}/meetings`, { startedAt: start, endedAt: clock.now().toISOString() })).status).toBe(403);
		expect((await as(a1).post(`/api/v1/sprint-rooms/${rooms.A}/meetings`, { startedAt: start, endedAt: clock.now().toISOString() })).status).toBe(403);
		await json(
			await as(a1).post(`/api/v1/sprint-rooms/${rooms.A}/log`, { stage: 'map', kind: 'finding', text: CANARY.A.log, needIds: [needId], proposal: { text: CANARY.A.proposal } }),
			201
		);
		const log = await json<{ kind: string; blocks: Array<{ kind: string; runs?: Array<{ text: string }> }> }>(await as(a1).get(`/api/v1/sprint-rooms/${rooms.A}/log`), 200);
		expect(log.kind).toBe('Sprintlogg');
		expect(JSON.stringify(log.blocks)).toContain(CANARY.A.log);
		const docx = await as(a1).get(`/api/v1/sprint-rooms/${rooms.A}/log?format=docx`);
		expect(docx.status).toBe(200);
		expect(docx.headers.get('content-type')).toContain('wordprocessingml');
	});

	it('shows the leader the progress of every room as counts only', async () => {
		const progress = await json<{ rooms: Array<{ roomId: string; inputs: number; questions: number; meetings: number }> }>(await as(leader).get(`/api/v1/sprints/${sprintId}/progress`), 200);
		const a = progress.rooms.find((r) => r.roomId === rooms.A)!;
		expect(a).toMatchObject({ inputs: 2, questions: 1, meetings: 1 });
		expect((await as(a1).get(`/api/v1/sprints/${sprintId}/progress`)).status).toBe(403);
	});
});

describe('the parity report', () => {
	it('flags every one-room input with its reason and shows hashes, arrivals, meetings and where answers went', async () => {
		const report = await json<{
			rooms: Array<{ id: string; inputs: Array<{ inputId: string; sha256: string }>; meetingMinutes: number; questions: Array<{ answeredTo: string }> }>;
			differences: Array<{ inputId: string; roomIds: string[]; reason: string }>;
			answersToOneRoom: Array<{ roomId: string }>;
		}>(await as(leader).get(`/api/v1/sprints/${sprintId}/parity`), 200);
		expect(report.rooms).toHaveLength(3);
		for (const key of ['A', 'B', 'C'] as const) {
			const diff = report.differences.find((d) => d.inputId === inputs[key]);
			expect(diff).toMatchObject({ roomIds: [rooms[key]], reason: CANARY[key].reason });
		}
		expect(report.differences.some((d) => d.inputId === inputs.common)).toBe(false);
		expect(report.rooms.find((r) => r.id === rooms.A)!.meetingMinutes).toBe(45);
		expect(report.answersToOneRoom).toEqual([expect.objectContaining({ roomId: rooms.B })]);
		expect(report.rooms.find((r) => r.id === rooms.A)!.questions[0].answeredTo).toBe('all_rooms');
		// Observers follow parity, never room content marked confidential; suppliers see neither.
		expect((await as(observer).get(`/api/v1/sprints/${sprintId}/parity`)).status).toBe(200);
		expect((await as(observer).get(`/api/v1/sprint-rooms/${rooms.A}`)).status).toBe(404);
		const observerConsole = await as(observer).get(`/initiatives/${initiativeId}/sprints/${sprintId}`);
		expect(observerConsole.status).toBe(200);
		expect(await observerConsole.text()).not.toContain(`href="/sprints/${rooms.A}"`);
		expect(await (await as(leader).get(`/initiatives/${initiativeId}/sprints/${sprintId}`)).text()).toContain(`href="/sprints/${rooms.A}"`);
		expect((await as(a1).get(`/api/v1/sprints/${sprintId}/parity`)).status).toBe(404);
		const docx = await as(leader).get(`/api/v1/sprints/${sprintId}/parity?format=docx`);
		expect(docx.status).toBe(200);
		expect(docx.headers.get('content-type')).toContain('wordprocessingml');
	});

	it('gives a room added later the earlier inputs and flags that they arrived later', async () => {
		clock.advance(3600_000);
		const late = await json<{ roomId: string }>(await as(leader).post(`/api/v1/sprints/${sprintId}/rooms`, { organisationId: orgs.D.id }), 201);
		const report = await json<{ differences: Array<{ inputId: string; roomIds: string[]; kind: string }> }>(await as(leader).get(`/api/v1/sprints/${sprintId}/parity`), 200);
		expect(report.differences.find((d) => d.inputId === inputs.common)).toMatchObject({ roomIds: [late.roomId], kind: 'arrived_later' });
	});

	it('puts the parity report into the initiative’s case file', async () => {
		const res = await as(leader).get(`/api/v1/initiatives/${initiativeId}/case-file`);
		expect(res.status).toBe(200);
		const { unzipSync } = await import('fflate');
		const names = Object.keys(unzipSync(new Uint8Array(await res.arrayBuffer())));
		expect(names.some((n) => /^sprintar\/paritetsrapport-.*\.docx$/.test(n))).toBe(true);
	});
});

describe('the conflicts register', () => {
	it('flags, and does not bar, every organisation that took part in a sprint, with the evidence', async () => {
		const register = await json<Array<{ organisation: { id: string }; level: string; evidence: Array<{ source?: string }> }>>(
			await as(leader).get(`/api/v1/initiatives/${initiativeId}/conflicts`),
			200
		);
		for (const key of ['A', 'B', 'C'] as const) {
			const entry = register.find((e) => e.organisation.id === orgs[key].id);
			expect(entry?.level, key).toBe('flagged');
			expect(entry?.evidence.some((e) => e.source === 'sprint')).toBe(true);
		}
	});
});

describe('supplier isolation', () => {
	it('shows no supplier anything of another room — in the API, pages, files, exports, notifications or mail', async () => {
		const crawl = async (user: TestUser, own: 'A' | 'B' | 'C' | null) => {
			const planted = (['A', 'B', 'C'] as const)
				.filter((k) => k !== own)
				.flatMap((k) => [...Object.values(CANARY[k]), orgs[k].name, rooms[k], files[k], inputs[k]]);
			const others = (['A', 'B', 'C'] as const).filter((k) => k !== own);
			const paths = [
				`/api/v1/sprints/${sprintId}`,
				`/api/v1/sprints/${sprintId}/parity`,
				`/api/v1/sprints/${sprintId}/progress`,
				`/api/v1/sprints/${sprintId}/questions`,
				`/api/v1/initiatives/${initiativeId}/sprints`,
				`/api/v1/initiatives/${initiativeId}/conflicts`,
				`/api/v1/initiatives/${initiativeId}/audit`,
				`/api/v1/initiatives/${initiativeId}/requirement-proposals`,
				'/api/v1/notifications',
				'/notifications',
				'/supplier',
				...(own ? [`/api/v1/sprint-rooms/${rooms[own]}`, `/api/v1/sprint-rooms/${rooms[own]}/questions`, `/api/v1/sprint-rooms/${rooms[own]}/log`, `/sprints/${rooms[own]}`, `/sprints/${rooms[own]}/log`] : []),
				...others.flatMap((k) => [
					`/api/v1/sprint-rooms/${rooms[k]}`,
					`/api/v1/sprint-rooms/${rooms[k]}/terms`,
					`/api/v1/sprint-rooms/${rooms[k]}/questions`,
					`/api/v1/sprint-rooms/${rooms[k]}/log?format=docx`,
					`/api/v1/files/${files[k]}`,
					`/sprints/${rooms[k]}`
				])
			];
			for (const path of paths) {
				const res = await as(user).get(path);
				const body = await res.text();
				for (const p of planted) expect(body, `${path} as ${user.name}`).not.toContain(p);
			}
			for (const k of others) {
				expect((await as(user).get(`/api/v1/sprint-rooms/${rooms[k]}`)).status).toBe(404);
				expect((await as(user).get(`/api/v1/files/${files[k]}`)).status).toBe(404);
			}
			const mails = await server.app.db.select().from(outbox).where(inArray(outbox.to, [await emailOf(user)]));
			for (const m of mails) for (const p of planted) expect(`${m.subject}\n${m.body}`).not.toContain(p);
			const live = liveClient(server.url, `sprint_room.${rooms[others[0]]}`, { cookie: user.cookie });
			await until(() => live.closes.length > 0, 5000, 'refusal');
			live.destroy();
		};
		await crawl(a1, 'A');
		await crawl(b1, 'B');
		await crawl(c1, 'C');
		// The page of one's own room exists (the crawl above would pass on a 404 too).
		expect((await as(b1).get(`/sprints/${rooms.B}`)).status).toBe(200);
	});
});
