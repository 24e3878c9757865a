/**
 * RFI rounds through the real server, with the server's clock injected: a buyer team asks the
 * market, two invited suppliers answer, one uninvited supplier finds nothing. Unique strings are
 * planted in one supplier's draft, answer, file and question; every route the other suppliers can
 * reach — API, pages, notifications and their mail — is crawled for them. Deadlines are decided
 * by the server's clock, reminders go to those who have not answered, and the public export
 * redacts exactly the parts under a confidentiality request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { ManualClock } from '../../src/lib/server/clock.ts';
import * as jobs from '../../src/lib/server/jobs/index.ts';
import { auditLog, notifications, outbox, users } from '../../src/lib/server/db/schema/index.ts';

const clock = new ManualClock('2027-01-10T09:00:00Z');
let server: TestServer;
let leader: TestUser;
let teamMember: TestUser;
let observer: TestUser;
let a1: TestUser;
let a2: TestUser;
let b1: TestUser;
let c1: TestUser;
let orgA: { id: string; name: string };
let initiativeId: string;
let rfiId: string;
let questionIds: string[] = [];
let fileA: string;

const CANARY = {
	draft: 'KANARIE-A-UTKAST-7731',
	answer: 'KANARIE-A-SVAR-9182',
	file: 'KANARIE-A-FIL-5526',
	question: 'KANARIE-A-FRÅGA-3310',
	why: 'KANARIE-A-SKÄL-4419'
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

async function inviteAndAccept(user: TestUser) {
	const res = await as(leader).post(`/api/v1/rfis/${rfiId}/invitations`, { email: await emailOf(user) });
	expect(res.status).toBe(201);
	const { inviteUrl } = await res.json();
	expect(inviteUrl).toMatch(/\/supplier-invitations\/[a-z2-7]{32}$/);
	const token = inviteUrl.split('/').pop();
	const accepted = await as(user).post(`/api/v1/invitations/${token}/accept`);
	expect(accepted.status).toBe(200);
	expect(await accepted.json()).toEqual({ rfiId });
}

async function upload(user: TestUser, text: string, name = 'bilaga.txt') {
	const form = new FormData();
	form.set('purpose', 'rfi_answer');
	form.set('ownerId', rfiId);
	form.set('file', new Blob([new TextEncoder().encode(text)]), name);
	return fetch(`${server.url}/api/v1/files`, { method: 'POST', body: form, headers: { cookie: as(user).cookieHeader(), origin: server.url } });
}

beforeAll(async () => {
	server = await startTestServer({ JOBS_INTERVAL_SECONDS: '3600' }, { clock });
	const app = server.app;
	const buyer = await makeOrganisation(app, 'buyer', 'Sjöstads kommun');
	leader = await makeUser(app, { organisationId: buyer.id, name: 'Maria Lind' });
	teamMember = await makeUser(app, { organisationId: buyer.id, name: 'Johan Ek' });
	observer = await makeUser(app, { organisationId: buyer.id, name: 'Politiker Pål' });
	const initiative = await makeInitiative(app, leader, 'Fallprevention i hemtjänsten');
	initiativeId = initiative.id;
	await addMember(app, initiativeId, teamMember.id, 'team');
	await addMember(app, initiativeId, observer.id, 'observer');
	const a = await makeOrganisation(app, 'supplier', 'Alfasensor AB');
	orgA = { id: a.id, name: a.name };
	a1 = await makeUser(app, { organisationId: a.id, name: 'Anna Alfa' });
	a2 = await makeUser(app, { organisationId: a.id, name: 'Anders Alfa' });
	const b = await makeOrganisation(app, 'supplier', 'Betavård AB');
	b1 = await makeUser(app, { organisationId: b.id, name: 'Bengt Beta' });
	const c = await makeOrganisation(app, 'supplier', 'Gammateknik AB');
	c1 = await makeUser(app, { organisationId: c.id, name: 'Cecilia Gamma' });
});
afterAll(async () => {
	await server?.stop();
});

const round = () => ({
	title: 'RFI: sensorer som förebygger fall',
	intro: 'Vi vill veta vad marknaden kan erbjuda för att förebygga fall i hemtjänsten.',
	questions: [
		{ text: 'Beskriv er lösning.', kind: 'text' },
		{ text: 'Vilken mognadsgrad har lösningen?', kind: 'choice', options: ['Idé', 'Prototyp', 'På marknaden'] },
		{ text: 'Hur väl kan lösningen integreras med verksamhetssystem? (1–5)', kind: 'scale' },
		{ text: 'Bifoga produktblad.', kind: 'file' }
	],
	questionsDeadline: '2027-01-20T13:00:00+01:00',
	answersDeadline: '2027-01-31T13:00:00+01:00'
});

describe('the buyer team sets up a round', () => {
	it('refuses deadlines in the past by the server’s clock, and question deadlines after the answer deadline', async () => {
		const past = await as(leader).post(`/api/v1/initiatives/${initiativeId}/rfis`, { ...round(), questionsDeadline: '2027-01-09T12:00:00Z' });
		expect(past.status).toBe(400);
		expect((await past.json()).error.code).toBe('deadline_in_past');
		const order = await as(leader).post(`/api/v1/initiatives/${initiativeId}/rfis`, { ...round(), questionsDeadline: '2027-02-05T12:00:00Z' });
		expect(order.status).toBe(400);
		const noOptions = await as(leader).post(`/api/v1/initiatives/${initiativeId}/rfis`, { ...round(), questions: [{ text: 'Välj', kind: 'choice', options: ['Ett'] }] });
		expect(noOptions.status).toBe(400);
	});

	it('creates a draft round that no supplier can see, and lets observers only read it', async () => {
		const res = await as(leader).post(`/api/v1/initiatives/${initiativeId}/rfis`, round());
		expect(res.status).toBe(201);
		rfiId = (await res.json()).id;
		const view = await (await as(teamMember).get(`/api/v1/rfis/${rfiId}`)).json();
		expect(view.status).toBe('draft');
		questionIds = view.questions.map((q: { id: string }) => q.id);
		expect(questionIds).toHaveLength(4);
		expect((await as(observer).get(`/api/v1/rfis/${rfiId}`)).status).toBe(200);
		expect((await as(observer).post(`/api/v1/rfis/${rfiId}/publish`)).status).toBe(403);
		for (const s of [a1, b1, c1]) {
			expect((await as(s).get(`/api/v1/rfis/${rfiId}`)).status).toBe(404);
			expect(await (await as(s).get('/api/v1/rfis')).json()).toEqual([]);
		}
	});

	it('invites two suppliers by email, who accept, and publishes the round to them only', async () => {
		await inviteAndAccept(a1);
		await inviteAndAccept(b1);
		const buyerInvite = await as(leader).post(`/api/v1/rfis/${rfiId}/invitations`, { email: await emailOf(teamMember) });
		expect(buyerInvite.status).toBe(409);
		expect((await as(a1).get(`/api/v1/rfis/${rfiId}`)).status).toBe(404);
		const published = await as(leader).post(`/api/v1/rfis/${rfiId}/publish`);
		expect(published.status).toBe(200);
		expect((await as(leader).post(`/api/v1/rfis/${rfiId}/publish`)).status).toBe(409);
		for (const s of [a1, a2, b1]) {
			const res = await as(s).get(`/api/v1/rfis/${rfiId}`);
			expect(res.status).toBe(200);
			const body = await res.json();
			expect(body.questions).toHaveLength(4);
			expect(body).not.toHaveProperty('participants');
			expect(body.mine.status).toBe('none');
		}
		expect((await as(c1).get(`/api/v1/rfis/${rfiId}`)).status).toBe(404);
		const list = await (await as(b1).get('/api/v1/rfis')).json();
		expect(list.map((r: { id: string }) => r.id)).toEqual([rfiId]);
	});
});

describe('a supplier answers with colleagues', () => {
	it('keeps the draft within the organisation and out of the buyer’s sight until it is submitted', async () => {
		const up = await upload(a1, `Produktblad ${CANARY.file}`, 'produktblad-alfa.txt');
		expect(up.status).toBe(201);
		fileA = (await up.json()).id;
		const saved = await as(a1).request('PUT', `/api/v1/rfis/${rfiId}/response`, {
			answers: [
				{ questionId: questionIds[0], value: `Vår sensor. ${CANARY.draft}` },
				{ questionId: questionIds[1], value: 'Prototyp' },
				{ questionId: questionIds[2], value: 4 },
				{ questionId: questionIds[3], value: [fileA] }
			]
		});
		expect(saved.status).toBe(200);
		expect((await saved.json()).draftVersion).toBe(1);
		const colleague = await (await as(a2).get(`/api/v1/rfis/${rfiId}/response`)).json();
		expect(colleague.status).toBe('draft');
		expect(JSON.stringify(colleague.answers)).toContain(CANARY.draft);
		expect(colleague.files.map((f: { id: string }) => f.id)).toEqual([fileA]);
		expect(await (await as(leader).get(`/api/v1/rfis/${rfiId}/responses`)).json()).toEqual([]);
		expect((await as(leader).get(`/api/v1/files/${fileA}`)).status).toBe(404);
	});

	it('refuses a stale draft, answers of the wrong kind and another organisation’s file', async () => {
		const stale = await as(a2).request('PUT', `/api/v1/rfis/${rfiId}/response`, { answers: [], baseVersion: 0 });
		expect(stale.status).toBe(409);
		expect((await stale.json()).error.code).toBe('draft_conflict');
		const scale = await as(b1).request('PUT', `/api/v1/rfis/${rfiId}/response`, { answers: [{ questionId: questionIds[2], value: 9 }] });
		expect(scale.status).toBe(400);
		const choice = await as(b1).request('PUT', `/api/v1/rfis/${rfiId}/response`, { answers: [{ questionId: questionIds[1], value: 'Färdig' }] });
		expect(choice.status).toBe(400);
		const foreignFile = await as(b1).request('PUT', `/api/v1/rfis/${rfiId}/response`, { answers: [{ questionId: questionIds[3], value: [fileA] }] });
		expect(foreignFile.status).toBe(400);
		const unknown = await as(b1).request('PUT', `/api/v1/rfis/${rfiId}/response`, { answers: [{ questionId: '00000000-0000-4000-8000-000000000000', value: 'x' }] });
		expect(unknown.status).toBe(400);
		expect((await as(c1).request('PUT', `/api/v1/rfis/${rfiId}/response`, { answers: [] })).status).toBe(404);
	});

	it('refuses confidentiality requests that lack what or why', async () => {
		for (const confidentiality of [[{ what: 'Prisuppgifter', why: '' }], [{ questionId: questionIds[0], what: ' ', why: 'Affärshemlighet' }], [{ what: 'Allt' }]]) {
			const res = await as(a1).request('PUT', `/api/v1/rfis/${rfiId}/response`, { answers: [], confidentiality });
			expect(res.status).toBe(400);
		}
	});

	it('submits the answer with a confidentiality request and tells the organisation it was received', async () => {
		const saved = await as(a1).request('PUT', `/api/v1/rfis/${rfiId}/response`, {
			answers: [
				{ questionId: questionIds[0], value: `Vår sensor mäter gång. ${CANARY.answer}` },
				{ questionId: questionIds[1], value: 'Prototyp' },
				{ questionId: questionIds[2], value: 4 },
				{ questionId: questionIds[3], value: [fileA] }
			],
			confidentiality: [{ questionId: questionIds[0], what: 'Beskrivningen av mätmetoden', why: `Konkurrenter kan kopiera metoden. ${CANARY.why}` }],
			baseVersion: 1
		});
		expect(saved.status).toBe(200);
		const submitted = await as(a2).post(`/api/v1/rfis/${rfiId}/response/submit`);
		expect(submitted.status).toBe(200);
		expect((await submitted.json()).submittedAt).toBe('2027-01-10T09:00:00.000Z');
		const responses = await (await as(teamMember).get(`/api/v1/rfis/${rfiId}/responses`)).json();
		expect(responses).toHaveLength(1);
		expect(responses[0].organisation.name).toBe('Alfasensor AB');
		expect(JSON.stringify(responses[0].answers)).toContain(CANARY.answer);
		expect((await as(leader).get(`/api/v1/files/${fileA}`)).status).toBe(200);
		expect((await as(observer).get(`/api/v1/rfis/${rfiId}/responses`)).status).toBe(404);
		const mine = await (await as(a1).get('/api/v1/notifications')).json();
		expect(mine.items.map((n: { kind: string }) => n.kind)).toContain('rfi.response_received');
		const [entry] = await server.app.db.select().from(auditLog).where(eq(auditLog.action, 'rfi.response_submitted'));
		expect(entry.data).toMatchObject({ rfiId, organisationId: orgA.id, confidentialityRequests: 1 });
	});
});

describe('clarifications to all', () => {
	let clarificationId: string;

	it('takes a supplier’s question and shows the asker to the buyer team only', async () => {
		const asked = await as(a1).post(`/api/v1/rfis/${rfiId}/clarifications`, { question: `Gäller kravet även natt? ${CANARY.question}` });
		expect(asked.status).toBe(201);
		clarificationId = (await asked.json()).id;
		const buyerView = await (await as(leader).get(`/api/v1/rfis/${rfiId}/clarifications`)).json();
		expect(buyerView[0]).toMatchObject({ id: clarificationId, answer: null, publishedAt: null, asker: { name: 'Anna Alfa', organisation: 'Alfasensor AB' } });
		expect(await (await as(b1).get(`/api/v1/rfis/${rfiId}/clarifications`)).json()).toEqual([]);
		// b1 may see the round, so it is told it may not answer (403); c1 may not know it exists.
		expect((await as(b1).post(`/api/v1/clarifications/${clarificationId}/answer`, { answer: 'x' })).status).toBe(403);
		expect((await as(c1).post(`/api/v1/clarifications/${clarificationId}/answer`, { answer: 'x' })).status).toBe(404);
	});

	it('publishes the reworded question and the answer to every supplier at the same moment, without the asker', async () => {
		clock.advance(60_000);
		const res = await as(leader).post(`/api/v1/clarifications/${clarificationId}/answer`, { question: 'Gäller kraven även nattetid?', answer: 'Ja, dygnet runt.' });
		expect(res.status).toBe(200);
		for (const s of [a1, b1]) {
			const items = await (await as(s).get(`/api/v1/rfis/${rfiId}/clarifications`)).json();
			expect(items).toEqual([{ id: clarificationId, kind: 'question', question: 'Gäller kraven även nattetid?', answer: 'Ja, dygnet runt.', publishedAt: '2027-01-10T09:01:00.000Z' }]);
		}
		const bNotes = await server.app.db.select().from(notifications).where(eq(notifications.userId, b1.id));
		const aNotes = await server.app.db.select().from(notifications).where(eq(notifications.userId, a1.id));
		const published = (rows: typeof bNotes) => rows.filter((n) => n.kind === 'rfi.clarification_published').map((n) => n.createdAt.getTime());
		expect(published(bNotes)).toHaveLength(1);
		expect(published(aNotes)).toEqual(published(bNotes));
		const notice = await as(teamMember).post(`/api/v1/rfis/${rfiId}/notices`, { title: 'Anteckningar från dialogmötet', body: 'Alla presentationer finns nu här.' });
		expect(notice.status).toBe(201);
		expect((await (await as(b1).get(`/api/v1/rfis/${rfiId}/clarifications`)).json()).map((c: { kind: string }) => c.kind)).toEqual(['question', 'notice']);
	});
});

describe('revisions after publication', () => {
	it('makes a changed question a new revision, notifies every supplier and marks earlier answers for review', async () => {
		const view = await (await as(leader).get(`/api/v1/rfis/${rfiId}`)).json();
		const questions = view.questions.map((q: Record<string, unknown>) => ({ id: q.id, text: q.text, kind: q.kind, options: q.options }));
		questions[0].text = 'Beskriv er lösning och hur den installeras.';
		const res = await as(leader).patch(`/api/v1/rfis/${rfiId}`, { questions });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ revision: 2 });
		const responses = await (await as(leader).get(`/api/v1/rfis/${rfiId}/responses`)).json();
		expect(responses[0].needsReview).toEqual([questionIds[0]]);
		const mine = await (await as(a1).get(`/api/v1/rfis/${rfiId}/response`)).json();
		expect(mine.needsReview).toEqual([questionIds[0]]);
		const kinds = (await server.app.db.select().from(notifications).where(eq(notifications.userId, b1.id))).map((n) => n.kind);
		expect(kinds).toContain('rfi.revised');
	});
});

describe('deadlines and reminders by the server’s clock', () => {
	it('reminds, 72 hours before the question deadline, only the organisations that have not submitted', async () => {
		clock.set('2027-01-17T12:00:00Z');
		expect(await jobs.runDue(server.app)).toBeGreaterThan(0);
		const reminded = await server.app.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, 'rfi.reminder'));
		expect(reminded.map((r) => r.userId)).toEqual([b1.id]);
		const mail = await server.app.db.select().from(outbox).where(eq(outbox.to, await emailOf(b1)));
		expect(mail.some((m) => m.subject.includes('Sista dag för frågor närmar sig'))).toBe(true);
		expect(await jobs.runDue(server.app)).toBe(0);
	});

	it('refuses questions after the question deadline and answers after the answer deadline', async () => {
		const ok = await as(b1).request('PUT', `/api/v1/rfis/${rfiId}/response`, { answers: [{ questionId: questionIds[0], value: 'Betas svar' }] });
		expect(ok.status).toBe(200);
		clock.set('2027-01-20T12:00:00Z');
		const late = await as(b1).post(`/api/v1/rfis/${rfiId}/clarifications`, { question: 'En sen fråga' });
		expect(late.status).toBe(409);
		expect((await late.json()).error.code).toBe('deadline_passed');
		expect((await as(b1).post(`/api/v1/rfis/${rfiId}/response/submit`)).status).toBe(200);
		clock.set('2027-01-31T12:00:00Z');
		const draft = await as(b1).request('PUT', `/api/v1/rfis/${rfiId}/response`, { answers: [] });
		expect(draft.status).toBe(409);
		expect((await draft.json()).error.code).toBe('deadline_passed');
		const submit = await as(a1).post(`/api/v1/rfis/${rfiId}/response/submit`);
		expect(submit.status).toBe(409);
		expect((await submit.json()).error.code).toBe('deadline_passed');
		expect((await upload(b1, 'för sent')).status).toBe(403);
	});
});

describe('exports', () => {
	it('redacts in the public version exactly the parts under a confidentiality request, with the stated reason', async () => {
		const internal = await (await as(leader).get(`/api/v1/rfis/${rfiId}/export?format=csv&version=internal`)).text();
		const pub = await as(leader).get(`/api/v1/rfis/${rfiId}/export?format=csv&version=public`);
		expect(pub.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await pub.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes);
		expect(internal).toContain(CANARY.answer);
		expect(text).not.toContain(CANARY.answer);
		expect(text).toContain(`[Sekretess begärd av leverantören – Beskrivningen av mätmetoden. Skäl: Konkurrenter kan kopiera metoden. ${CANARY.why}]`);
		// Parts without a request stay as answered: the other questions, and the other supplier.
		expect(text).toContain('"Prototyp"');
		expect(text).toContain('"4 av 5"');
		expect(text).toContain('Betas svar');
		const docx = await as(leader).get(`/api/v1/rfis/${rfiId}/export?format=docx&version=public`);
		expect(docx.status).toBe(200);
		expect(docx.headers.get('content-type')).toContain('wordprocessingml');
		for (const s of [a1, b1]) expect((await as(s).get(`/api/v1/rfis/${rfiId}/export?format=csv`)).status).toBe(404);
		expect((await as(observer).get(`/api/v1/rfis/${rfiId}/export`)).status).toBe(404);
	});
});

describe('analysis', () => {
	it('records what the round showed about the market, and the procedure advisor starts from it', async () => {
		expect((await as(a1).request('PUT', `/api/v1/rfis/${rfiId}/analysis`, { marketFinding: 'needs_adaptation' })).status).toBe(404);
		const saved = await as(teamMember).request('PUT', `/api/v1/rfis/${rfiId}/analysis`, { summary: 'Två mogna lösningar, båda behöver anpassas till nattpersonalen.', marketFinding: 'needs_adaptation' });
		expect(saved.status).toBe(200);
		const page = await (await as(leader).get(`/initiatives/${initiativeId}/procedure`)).text();
		expect(page).toContain('Förifyllt från RFI-rundan');
		expect(page).toMatch(/value="needs_adaptation"[^>]*checked/);
		const [entry] = await server.app.db.select().from(auditLog).where(eq(auditLog.action, 'rfi.analysis_saved'));
		expect(entry.data).toMatchObject({ rfiId, marketFinding: 'needs_adaptation' });
	});
});

describe('supplier isolation', () => {
	it('shows the other suppliers nothing of a supplier’s draft, answer, file, question or identity — in the API, pages, notifications or mail', async () => {
		const planted = [...Object.values(CANARY), orgA.name, 'Anna Alfa', 'Anders Alfa', fileA];
		const paths = [
			'/api/v1/rfis',
			`/api/v1/rfis/${rfiId}`,
			`/api/v1/rfis/${rfiId}/response`,
			`/api/v1/rfis/${rfiId}/clarifications`,
			`/api/v1/rfis/${rfiId}/responses`,
			`/api/v1/rfis/${rfiId}/export?format=csv&version=public`,
			`/api/v1/rfis/${rfiId}/export?format=docx&version=internal`,
			`/api/v1/files/${fileA}`,
			'/api/v1/notifications',
			`/api/v1/initiatives/${initiativeId}`,
			`/api/v1/initiatives/${initiativeId}/rfis`,
			`/api/v1/initiatives/${initiativeId}/audit`,
			`/initiatives/${initiativeId}`,
			'/notifications',
			'/initiatives'
		];
		for (const s of [b1, c1]) {
			for (const path of paths) {
				const res = await as(s).get(path);
				const body = await res.text();
				for (const p of planted) expect(body, `${path} as ${s.name}`).not.toContain(p);
			}
			const mails = await server.app.db.select().from(outbox).where(inArray(outbox.to, [await emailOf(s)]));
			for (const m of mails) for (const p of planted) expect(`${m.subject}\n${m.body}`).not.toContain(p);
		}
		// The uninvited supplier does not even learn that the round exists.
		expect((await as(c1).get(`/api/v1/rfis/${rfiId}`)).status).toBe(404);
		expect((await as(c1).get(`/api/v1/rfis/${rfiId}/clarifications`)).status).toBe(404);
	});
});
