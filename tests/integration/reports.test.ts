/**
 * The final report, lessons learnt, method templates and the process-leader handover (issue 16),
 * through the real server on the demo initiative: the report as JSON and Word with each section
 * as the reader may see it; lessons searchable across the organisation but only where the reader
 * may read them; a template that carries no supplier material, guest data or personal data —
 * planted on purpose and grepped for in the template and in the initiative started from it;
 * and a handover the journal shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { makeOrganisation, makeUser, signIn, type TestUser } from '../factories/collab.ts';
import { DEMO_TITLE, seedDemo } from '../../src/lib/server/demo/seed.ts';
import { seedDemoRfi } from '../../src/lib/server/demo/rfi.ts';
import {
	sprintRooms,
	sprints,
	initiativeStartingMaterial,
	initiatives,
	memberships,
	methodTemplates,
	organisations,
	rfiClarifications,
	rfiQuestions,
	rfiResponses,
	rfis,
	tenderScores,
	tenderSubmissions,
	tenders,
	users,
	workshopCards,
	workshopGuests,
	workshops
} from '../../src/lib/server/db/schema/index.ts';

let server: TestServer;
let initiativeId: string;
let sjostadId: string;
const people: Record<'maria' | 'ahmed' | 'eva' | 'johan' | 'outsider', { id: string; name: string; client: Client }> = {} as never;

function clientWith(cookie: string): Client {
	const c = new Client(server.url);
	const i = cookie.indexOf('=');
	c.setCookie(cookie.slice(0, i), cookie.slice(i + 1));
	return c;
}

function docxText(bytes: Uint8Array): string {
	return strFromU8(unzipSync(bytes)['word/document.xml']).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

async function journalTexts(initiative: string, as = people.maria.client): Promise<string[]> {
	const res = await as.get(`/api/v1/initiatives/${initiative}/audit`);
	expect(res.status).toBe(200);
	return ((await res.json()) as { entries: Array<{ text: string; action: string }> }).entries.map((e) => `${e.action}: ${e.text}`);
}

/** Strings that must never leave the original initiative in a template. */
const forbidden: string[] = [];
const templateOnly: string[] = [];

beforeAll(async () => {
	server = await startTestServer({ DEMO: 'true' });
	const app = server.app;
	expect(await seedDemo(app)).toBe(true);
	await seedDemoRfi(app);
	const [ini] = await app.db.select({ id: initiatives.id }).from(initiatives).where(eq(initiatives.title, DEMO_TITLE));
	initiativeId = ini.id;
	const [sjostad] = await app.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, 'Sjöstads kommun'));
	sjostadId = sjostad.id;
	for (const [key, email] of [
		['maria', 'maria.lind@sjostad.example'],
		['ahmed', 'ahmed.karimi@sjostad.example'],
		['eva', 'eva.berg@sjostad.example'],
		['johan', 'johan.nilsson@golvteknik.example']
	] as const) {
		const [u] = await app.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, email));
		people[key] = { id: u.id, name: u.name, client: clientWith((await signIn(app, u.id)).cookie) };
	}
	// The supplier's expert on the buyer team: still never reads the report.
	await app.db.insert(memberships).values({ initiativeId, userId: people.johan.id, role: 'team' }).onConflictDoNothing();
	const elsewhere = await makeOrganisation(app, 'buyer', 'Annanstads kommun');
	const outsider: TestUser = await makeUser(app, { organisationId: elsewhere.id, name: 'Olle Utanför' });
	people.outsider = { id: outsider.id, name: outsider.name, client: clientWith(outsider.cookie) };

	// Planted: a workshop with a named guest and a card.
	const ws = await people.maria.client.post(`/api/v1/initiatives/${initiativeId}/workshops`, { title: 'Hallen i vinter', question: 'Vad gör golven våta?', anonymous: false });
	expect(ws.status).toBe(201);
	const workshopId = ((await ws.json()) as { id: string }).id;
	const [guest] = await app.db
		.insert(workshopGuests)
		.values({ workshopId, sessionId: randomBytes(8).toString('hex'), secretHash: randomBytes(32), displayName: 'Greta Gästsson' })
		.returning();
	await app.db.insert(workshopCards).values({ workshopId, text: 'GÄSTKORT-planterad-text', authorGuestId: guest.id });

	// Planted: an awarded tender round with a supplier's submission and an evaluator's motivation.
	const [golv] = await app.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, 'Golvteknik Norr AB'));
	const now = Date.now();
	const [tender] = await app.db
		.insert(tenders)
		.values({
			initiativeId,
			title: 'Pilot: torra golv',
			requirementsVersion: 1,
			deadline: new Date(now - 86_400_000),
			openers: [people.maria.id, people.ahmed.id],
			criteria: [
				{ id: 'c-price', name: 'Pris', weight: 40, kind: 'price', requirementIds: ['REQ-PLANTED-1'] },
				{ id: 'c-time', name: 'Tidsbesparing för personalen', weight: 60, kind: 'quality', requirementIds: [] }
			],
			publishedAt: new Date(now - 20 * 86_400_000),
			wrappedKey: randomBytes(60),
			openedAt: new Date(now - 3_600_000),
			createdBy: people.maria.id
		})
		.returning();
	const [submission] = await app.db
		.insert(tenderSubmissions)
		.values({ tenderId: tender.id, organisationId: golv.id, submittedBy: people.johan.id, receivedAt: new Date(now - 2 * 86_400_000), sha256: 'a'.repeat(64), size: 10, ciphertext: Buffer.from('ANBUDSINNEHALL-planterat') })
		.returning();
	await app.db.insert(tenderScores).values({ tenderId: tender.id, submissionId: submission.id, criterionId: 'c-time', userId: people.ahmed.id, score: 8, motivation: 'POÄNGMOTIVERING-planterad', updatedAt: new Date() });
	await app.db
		.update(tenders)
		.set({ awardedSubmissionId: submission.id, awardMotivation: 'Bäst tidsbesparing till rimligt pris.', awardedAt: new Date(now - 60_000), standstillEndsAt: new Date(now + 10 * 86_400_000) })
		.where(eq(tenders.id, tender.id));

	// What the suppliers wrote in the RFI round, and who they are, must never reach a template.
	const responses = await app.db.select().from(rfiResponses);
	// A choice answer repeats the buyer's own option; everything else a supplier wrote is theirs.
	const options = new Set((await app.db.select({ options: rfiQuestions.options }).from(rfiQuestions)).flatMap((q) => q.options));
	for (const r of responses) {
		for (const a of [...(r.submittedAnswers ?? []), ...r.answers]) if (typeof a.value === 'string' && a.value.length > 3 && !options.has(a.value)) forbidden.push(a.value);
		for (const c of [...(r.submittedConfidentiality ?? []), ...r.confidentiality]) forbidden.push(c.what, c.why);
	}
	for (const c of await app.db.select().from(rfiClarifications)) forbidden.push(c.question);
	forbidden.push('Golvteknik Norr AB', 'Städrobot Sverige AB', 'Johan Nilsson', 'Sara Holm', 'golvteknik.example', 'stadrobot.example', 'sjostad.example');
	forbidden.push('Greta Gästsson', 'GÄSTKORT', 'POÄNGMOTIVERING', 'ANBUDSINNEHALL', 'REQ-PLANTED-1', 'Bäst tidsbesparing till rimligt pris');
	forbidden.push(initiativeId, workshopId, tender.id, submission.id, golv.id, people.johan.id);
	// The template names nobody; the initiative started from it names its own creator only.
	templateOnly.push(people.maria.id, people.ahmed.id);
	expect(responses.length).toBeGreaterThan(0);
});

afterAll(async () => {
	await server?.stop();
});

describe('lessons learnt', () => {
	let lessonId: string;

	it('lets the team record a lesson per phase and journals it', async () => {
		const res = await people.ahmed.client.post(`/api/v1/initiatives/${initiativeId}/lessons`, {
			phase: 'dialogue',
			worked: 'RFI-rundan gav en tydlig marknadsbild.',
			didNotWork: 'För kort svarstid för små bolag.',
			recommendation: 'Ge leverantörerna fyra veckor.'
		});
		expect(res.status).toBe(201);
		lessonId = ((await res.json()) as { id: string }).id;
		expect((await journalTexts(initiativeId)).some((t) => t.startsWith('lesson.created') && t.includes('Marknadsdialog'))).toBe(true);
	});

	it('refuses an empty lesson, an observer writing one, and suppliers and strangers altogether', async () => {
		const empty = await people.ahmed.client.post(`/api/v1/initiatives/${initiativeId}/lessons`, { phase: 'needs' });
		expect(empty.status).toBe(400);
		expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('lesson_empty');
		expect((await people.eva.client.post(`/api/v1/initiatives/${initiativeId}/lessons`, { phase: 'needs', worked: 'x' })).status).toBe(403);
		expect((await people.eva.client.get(`/api/v1/initiatives/${initiativeId}/lessons`)).status).toBe(200);
		for (const who of [people.johan, people.outsider]) {
			expect((await who.client.get(`/api/v1/initiatives/${initiativeId}/lessons`)).status).toBe(404);
			expect((await who.client.get(`/api/v1/lessons/${lessonId}`)).status).toBe(404);
			expect((await who.client.request('PUT', `/api/v1/lessons/${lessonId}`, { phase: 'needs', worked: 'kapat' })).status).toBe(404);
		}
	});

	it('changes and deletes a lesson through the team, journalled', async () => {
		const extra = await people.maria.client.post(`/api/v1/initiatives/${initiativeId}/lessons`, { phase: 'needs', worked: 'Tillfällig lärdom.' });
		const extraId = ((await extra.json()) as { id: string }).id;
		const put = await people.ahmed.client.request('PUT', `/api/v1/lessons/${extraId}`, { phase: 'needs', worked: 'Workshoppar med pedagoger fungerade.' });
		expect(put.status).toBe(200);
		expect(((await put.json()) as { worked: string }).worked).toBe('Workshoppar med pedagoger fungerade.');
		expect((await people.ahmed.client.delete(`/api/v1/lessons/${extraId}`)).status).toBe(204);
		expect((await people.ahmed.client.get(`/api/v1/lessons/${extraId}`)).status).toBe(404);
		const journal = await journalTexts(initiativeId);
		expect(journal.some((t) => t.startsWith('lesson.updated'))).toBe(true);
		expect(journal.some((t) => t.startsWith('lesson.deleted'))).toBe(true);
	});

	it("searches the organisation's lessons only in initiatives the searcher may read", async () => {
		// A second initiative of the same organisation that Ahmed is not on.
		const other = await people.maria.client.post('/api/v1/initiatives', { title: 'Belysning i idrottshallar' });
		const otherId = ((await other.json()) as { id: string }).id;
		await people.maria.client.post(`/api/v1/initiatives/${otherId}/lessons`, { phase: 'initiate', recommendation: 'Förankra svarstid tidigt hos nämnden.' });

		const search = async (who: (typeof people)['maria'], q: string, org = sjostadId) => {
			const res = await who.client.get(`/api/v1/organisations/${org}/lessons?q=${encodeURIComponent(q)}`);
			return { status: res.status, body: res.status === 200 ? ((await res.json()) as { lessons: Array<{ initiativeTitle: string; didNotWork: string; recommendation: string }> }) : null };
		};
		const maria = await search(people.maria, 'svarstid');
		expect(maria.body!.lessons.map((l) => l.initiativeTitle).sort()).toEqual(['Belysning i idrottshallar', DEMO_TITLE].sort());
		const ahmed = await search(people.ahmed, 'svarstid');
		expect(ahmed.body!.lessons.map((l) => l.initiativeTitle)).toEqual([DEMO_TITLE]);
		expect((await search(people.ahmed, 'finns-inte-någonstans')).body!.lessons).toEqual([]);
		// `%` is a letter, not a wildcard.
		expect((await search(people.ahmed, '%')).body!.lessons).toEqual([]);
		expect((await search(people.johan, '')).status).toBe(404);
		expect((await search(people.outsider, '')).status).toBe(404);
		const own = await people.outsider.client.get(`/api/v1/organisations/${(await server.app.db.select({ o: users.organisationId }).from(users).where(eq(users.id, people.outsider.id)))[0].o}/lessons`);
		expect(((await own.json()) as { lessons: unknown[] }).lessons).toEqual([]);
	});
});

describe('the final report', () => {
	it('gathers the chain for the process leader: initiative and needs, requirements, RFI, the award, decisions and lessons', async () => {
		const res = await people.maria.client.get(`/api/v1/initiatives/${initiativeId}/report`);
		expect(res.status).toBe(200);
		const report = (await res.json()) as { sections: Array<{ key: string; title: string; blocks: unknown[] }> };
		expect(report.sections.map((s) => s.key)).toEqual(['initiative', 'requirements', 'rfis', 'sprints', 'tenders', 'decisions', 'pilots', 'lessons']);
		const text = JSON.stringify(report);
		expect(text).toContain('Golvteknik Norr AB');
		expect(text).toContain('Bäst tidsbesparing till rimligt pris.');
		expect(text).toContain('Inkomna svar');
		expect(text).toContain('För kort svarstid för små bolag.');
		// The pilots register their own section (60): an initiative without pilots says so.
		expect(JSON.stringify(report.sections.find((s) => s.key === 'pilots'))).toContain('Inga piloter har genomförts i initiativet.');
		// Nothing sealed or scored reaches the report.
		expect(text).not.toContain('POÄNGMOTIVERING');
		expect(text).not.toContain('ANBUDSINNEHALL');
	});

	it('exports the same report as a Word file, journalled', async () => {
		const res = await people.maria.client.get(`/api/v1/initiatives/${initiativeId}/report?format=docx`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('wordprocessingml');
		expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="slutrapport-torra-och-rena-golv-i-forskolan\.docx"/);
		const text = docxText(new Uint8Array(await res.arrayBuffer()));
		for (const s of ['Slutrapport', DEMO_TITLE, 'Initiativet och dess behov', 'Marknadsdialog (RFI)', 'Motivering av tilldelningsbeslutet', 'Lärdomar', 'Ge leverantörerna fyra veckor.']) expect(text).toContain(s);
		expect(text).not.toContain('POÄNGMOTIVERING');
		expect((await journalTexts(initiativeId)).some((t) => t.startsWith('report.exported') && t.includes('Word'))).toBe(true);
	});

	it("shows an observer the rounds but not the team's reading of the suppliers' answers", async () => {
		const res = await people.eva.client.get(`/api/v1/initiatives/${initiativeId}/report`);
		expect(res.status).toBe(200);
		const text = JSON.stringify(await res.json());
		expect(text).toContain('RFI: torra och rena golv');
		expect(text).not.toContain('Inkomna svar');
	});

	it('is unknown (404) to a supplier, also on the team, and to another organisation; 400 for an unknown format', async () => {
		for (const who of [people.johan, people.outsider]) {
			expect((await who.client.get(`/api/v1/initiatives/${initiativeId}/report`)).status).toBe(404);
			expect((await who.client.get(`/api/v1/initiatives/${initiativeId}/report?format=docx`)).status).toBe(404);
		}
		const bad = await people.maria.client.get(`/api/v1/initiatives/${initiativeId}/report?format=pdf`);
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_format');
		expect((await people.johan.client.get(`/initiatives/${initiativeId}/report`)).status).toBe(404);
	});
});

describe('method templates', () => {
	let templateId: string;
	let newInitiativeId: string;

	it('saves the demo initiative as a template with only whitelisted fields: no supplier, guest or personal data, no link back', async () => {
		const res = await people.maria.client.post(`/api/v1/organisations/${sjostadId}/templates`, {
			fromInitiativeId: initiativeId,
			parts: ['workshops', 'rfi_questions', 'tender_evaluation'],
			title: 'Golvmallen'
		});
		expect(res.status).toBe(201);
		const created = (await res.json()) as { id: string; parts: string[]; lessons: number };
		templateId = created.id;
		expect(created.parts).toEqual(['rfi_questions', 'tender_evaluation', 'workshops']);
		expect(created.lessons).toBe(1);
		const [row] = await server.app.db.select().from(methodTemplates).where(eq(methodTemplates.id, templateId));
		const json = JSON.stringify(row.parts) + JSON.stringify(row.lessons) + row.title + row.description;
		for (const s of [...forbidden, ...templateOnly]) expect(json, `template contains ${s}`).not.toContain(s);
		// What it should carry: the method.
		expect(json).toContain('Hallen i vinter');
		expect(json).toContain('Vilken mognadsgrad har lösningen?');
		expect(json).toContain('Tidsbesparing för personalen');
		expect(json).toContain('Ge leverantörerna fyra veckor.');
		expect((await journalTexts(initiativeId)).some((t) => t.startsWith('template.created') && t.includes('Golvmallen'))).toBe(true);
	});

	it('refuses unknown parts, observers, suppliers and other organisations', async () => {
		const unknown = await people.maria.client.post(`/api/v1/organisations/${sjostadId}/templates`, { fromInitiativeId: initiativeId, parts: ['tenders_with_bids'] });
		expect(unknown.status).toBe(400);
		expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_part');
		expect((await people.eva.client.post(`/api/v1/organisations/${sjostadId}/templates`, { fromInitiativeId: initiativeId, parts: [] })).status).toBe(404);
		expect((await people.johan.client.get(`/api/v1/organisations/${sjostadId}/templates`)).status).toBe(404);
		expect((await people.outsider.client.get(`/api/v1/organisations/${sjostadId}/templates`)).status).toBe(404);
		const list = await people.ahmed.client.get(`/api/v1/organisations/${sjostadId}/templates`);
		expect(((await list.json()) as { templates: Array<{ id: string }> }).templates.map((t) => t.id)).toContain(templateId);
	});

	it('starts a new initiative from the template as a copy: draft workshop and RFI round, evaluation model, lessons; nothing planted', async () => {
		const res = await people.ahmed.client.post('/api/v1/initiatives', { title: 'Torra golv i skolorna', templateId });
		expect(res.status).toBe(201);
		newInitiativeId = ((await res.json()) as { id: string }).id;
		const db = server.app.db;
		const ws = await db.select().from(workshops).where(eq(workshops.initiativeId, newInitiativeId));
		expect(ws.map((w) => [w.title, w.phase, w.anonymous])).toEqual([['Hallen i vinter', 'draft', false]]);
		const rounds = await db.select().from(rfis).where(eq(rfis.initiativeId, newInitiativeId));
		expect(rounds).toHaveLength(1);
		expect(rounds[0].publishedAt).toBeNull();
		const questions = await db.select().from(rfiQuestions).where(inArray(rfiQuestions.rfiId, rounds.map((r) => r.id)));
		expect(questions).toHaveLength(4);
		expect(questions.every((q) => q.needId === null && q.requirementUid === null)).toBe(true);
		const material = await db.select().from(initiativeStartingMaterial).where(eq(initiativeStartingMaterial.initiativeId, newInitiativeId));
		expect(material.map((m) => m.key).sort()).toEqual(['lessons', 'tender_evaluation']);
		const dump = JSON.stringify({ ws, rounds, questions, material, cards: await db.select().from(workshopCards).where(inArray(workshopCards.workshopId, ws.map((w) => w.id))) });
		for (const s of forbidden) expect(dump, `new initiative contains ${s}`).not.toContain(s);
		const journal = await journalTexts(newInitiativeId, people.ahmed.client);
		expect(journal.some((t) => t.startsWith('template.applied') && t.includes('Golvmallen'))).toBe(true);
		// A copy, not a link: changing the original's workshop leaves the new one as it was.
		await db.update(workshops).set({ title: 'Ändrad i originalet' }).where(eq(workshops.initiativeId, initiativeId));
		expect((await db.select({ t: workshops.title }).from(workshops).where(eq(workshops.initiativeId, newInitiativeId)))[0].t).toBe('Hallen i vinter');
	});

	it("refuses another organisation's template and leaves no initiative behind", async () => {
		const res = await people.outsider.client.post('/api/v1/initiatives', { title: 'Kapad mall', templateId });
		expect(res.status).toBe(404);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('template_not_found');
		expect(await server.app.db.select().from(initiatives).where(eq(initiatives.title, 'Kapad mall'))).toEqual([]);
	});
});

describe('sprints in the report and in method templates', () => {
	it('reports a sprint by its goal, questions and rooms by letter, and copies only the method into a new initiative', async () => {
		const created = await people.maria.client.post(`/api/v1/initiatives/${initiativeId}/sprints`, {
			title: 'Sprint om entréerna',
			template: 'design_sprint_4',
			goal: 'Torra entréer hela vintern',
			questions: ['Kan barnen själva hålla mattan ren?']
		});
		expect(created.status).toBe(201);
		const report = JSON.stringify(await (await people.maria.client.get(`/api/v1/initiatives/${initiativeId}/report`)).json());
		expect(report).toContain('Innovationssprintar');
		expect(report).toContain('Torra entréer hela vintern');
		expect(report).toContain('Kan barnen själva hålla mattan ren?');

		const saved = await people.maria.client.post(`/api/v1/organisations/${sjostadId}/templates`, { fromInitiativeId: initiativeId, parts: ['sprint'], title: 'Sprintmallen' });
		expect(saved.status).toBe(201);
		const started = await people.maria.client.post('/api/v1/initiatives', { title: 'Entréer i skolorna', templateId: ((await saved.json()) as { id: string }).id });
		expect(started.status).toBe(201);
		const newId = ((await started.json()) as { id: string }).id;
		const copies = await server.app.db.select().from(sprints).where(eq(sprints.initiativeId, newId));
		expect(copies.map((c) => [c.title, c.goal, c.questions, c.needIds, c.stage])).toContainEqual(['Sprint om entréerna', 'Torra entréer hela vintern', ['Kan barnen själva hålla mattan ren?'], [], null]);
		expect(await server.app.db.select().from(sprintRooms).where(inArray(sprintRooms.sprintId, copies.map((c) => c.id)))).toEqual([]);
		expect((await journalTexts(newId, people.maria.client)).some((t) => t.startsWith('sprint.created_from_template'))).toBe(true);
	});
});

describe('handing over the process-leader role', () => {
	it('refuses a supplier as process leader and oneself', async () => {
		const supplier = await people.maria.client.post(`/api/v1/initiatives/${initiativeId}/handover`, { toUserId: people.johan.id });
		expect(supplier.status).toBe(403);
		expect(((await supplier.json()) as { error: { code: string } }).error.code).toBe('supplier_cannot_lead');
		const self = await people.maria.client.post(`/api/v1/initiatives/${initiativeId}/handover`, { toUserId: people.maria.id });
		expect(self.status).toBe(400);
	});

	it('hands over to a colleague, keeps everything, and the journal says so', async () => {
		const db = server.app.db;
		const before = (await db.select().from(workshops).where(eq(workshops.initiativeId, initiativeId))).length;
		const res = await people.maria.client.post(`/api/v1/initiatives/${initiativeId}/handover`, { toUserId: people.ahmed.id });
		expect(res.status).toBe(200);
		const roles = await db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(and(eq(memberships.initiativeId, initiativeId), inArray(memberships.userId, [people.maria.id, people.ahmed.id])));
		expect(Object.fromEntries(roles.map((r) => [r.userId, r.role]))).toEqual({ [people.maria.id]: 'team', [people.ahmed.id]: 'process_leader' });
		expect((await db.select().from(workshops).where(eq(workshops.initiativeId, initiativeId))).length).toBe(before);
		const journal = await journalTexts(initiativeId, people.ahmed.client);
		expect(journal.some((t) => t.includes('lämnade över processledarrollen till Ahmed Karimi'))).toBe(true);
		// Maria no longer leads: she cannot hand over again.
		expect((await people.maria.client.post(`/api/v1/initiatives/${initiativeId}/handover`, { toUserId: people.eva.id })).status).toBe(403);
	});
});
