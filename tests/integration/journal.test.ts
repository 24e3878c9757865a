/**
 * The journal as people read it, through the real server: continuous numbering per initiative,
 * a sentence on every entry (Swedish, or English on request), filters, guests named only as
 * their workshop allows, and the same rows as a CSV for Swedish Excel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { addMember, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';

let server: TestServer;
let maria: TestUser;
let tomas: TestUser;
let initiativeId: string;
let otherId: string;

interface Entry {
	id: number;
	seq: number;
	at: string;
	actor: { userId: string | null; label: string };
	action: string;
	data: Record<string, unknown>;
	hash: string;
	text: string;
}

function as(user: TestUser | null): Client {
	const c = new Client(server.url);
	if (user) {
		const [name, value] = user.cookie.split('=');
		c.setCookie(name, value);
	}
	return c;
}

async function ok(res: Response | Promise<Response>, status = 200): Promise<Response> {
	const r = await res;
	expect(r.status, await r.clone().text()).toBe(status);
	return r;
}

async function journal(query = '', user: TestUser = maria): Promise<Entry[]> {
	const res = await ok(as(user).get(`/api/v1/initiatives/${initiativeId}/audit${query}`));
	return ((await res.json()) as { entries: Entry[] }).entries;
}

async function workshop(title: string, anonymous: boolean): Promise<{ id: string; joinCode: string }> {
	const res = await ok(as(maria).post(`/api/v1/initiatives/${initiativeId}/workshops`, { title, question: 'Vad gör golven våta?', anonymous }), 201);
	const w = (await res.json()) as { id: string; joinCode: string };
	await ok(as(maria).post(`/api/v1/workshops/${w.id}/phase`, { phase: 'collect' }));
	return w;
}

async function guest(code: string, displayName: string) {
	await ok(new Client(server.url).post('/api/v1/workshops/join', { code, displayName }));
}

/** Today in Stockholm, as the filters take it. */
function stockholmToday(offsetDays = 0): string {
	const d = new Date(Date.now() + offsetDays * 86_400_000);
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

beforeAll(async () => {
	server = await startTestServer();
	const kommun = await makeOrganisation(server.app, 'buyer', 'Sjöstads kommun');
	maria = await makeUser(server.app, { organisationId: kommun.id, name: 'Maria Lind' });
	tomas = await makeUser(server.app, { organisationId: kommun.id, name: 'Tomas Team' });
	// Another initiative first, and interleaved below: its rows take ids, never numbers in ours.
	otherId = ((await (await ok(as(maria).post('/api/v1/initiatives', { title: 'Annat initiativ' }), 201)).json()) as { id: string }).id;
	initiativeId = ((await (await ok(as(maria).post('/api/v1/initiatives', { title: 'Torra golv' }), 201)).json()) as { id: string }).id;
	await addMember(server.app, initiativeId, tomas.id, 'team');
	await ok(as(maria).patch(`/api/v1/initiatives/${otherId}`, { phase: 'needs' }));
	await ok(as(maria).patch(`/api/v1/initiatives/${initiativeId}`, { phase: 'needs' }));
	const hemlig = await workshop('Hemlig workshop', true);
	await ok(as(maria).patch(`/api/v1/initiatives/${otherId}`, { phase: 'dialogue' }));
	const oppen = await workshop('Öppen workshop', false);
	await guest(hemlig.joinCode, 'Nora Namnsson');
	await guest(oppen.joinCode, 'Lisa förskollärare');
	await ok(as(maria).post(`/api/v1/workshops/${oppen.id}/phase`, { phase: 'cluster' }));
});

afterAll(async () => {
	await server?.stop();
});

describe('the journal API', () => {
	it('numbers a new initiative’s entries 1, 2, 3 … in chain order, whatever other initiatives wrote in between', async () => {
		const entries = await journal();
		expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
		expect(entries[0]).toMatchObject({ seq: 1, action: 'initiative.created' });
		expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => a - b));
		// The ids have gaps (the other initiative's rows); the numbers do not.
		expect(entries.at(-1)!.id - entries[0].id).toBeGreaterThan(entries.length - 1);
	});

	it('gives every entry a Swedish sentence beside the raw event', async () => {
		const entries = await journal();
		for (const e of entries) {
			expect(e.text, e.action).toMatch(/^\S.*\.$/);
			expect(e.text, e.action).not.toMatch(/undefined|\{|guest:/);
			expect(e).toHaveProperty('data');
			expect(e).toHaveProperty('hash');
		}
		const texts = entries.map((e) => e.text);
		expect(texts[0]).toBe('Maria Lind skapade initiativet ”Torra golv”.');
		expect(texts).toContain('Maria Lind flyttade initiativet från Initiera till Behov.');
		expect(texts).toContain('Maria Lind flyttade workshoppen ”Öppen workshop” från Samla till Gruppera.');
	});

	it('names a guest of a named workshop, and never a guest of an anonymous one', async () => {
		const entries = await journal();
		const joined = entries.filter((e) => e.action === 'workshop.guest_joined').map((e) => e.text);
		expect(joined).toEqual([
			'Anonym deltagare gick med i workshoppen ”Hemlig workshop”.',
			'Gäst (Lisa förskollärare) gick med i workshoppen ”Öppen workshop”.'
		]);
		expect(JSON.stringify(entries)).not.toContain('Nora');
		const csv = await (await ok(as(maria).get(`/api/v1/initiatives/${initiativeId}/audit?format=csv`))).text();
		expect(csv).not.toContain('Nora');
		expect(csv).toContain('Anonym deltagare');
	});

	it('writes the sentence in English with ?lang=en', async () => {
		const entries = await journal('?lang=en');
		expect(entries[0].text).toBe('Maria Lind created the initiative “Torra golv”.');
		expect(entries.map((e) => e.text)).toContain('Guest (Lisa förskollärare) joined the workshop “Öppen workshop”.');
		expect(entries.map((e) => e.text)).toContain('Anonymous participant joined the workshop “Hemlig workshop”.');
	});

	it('filters by kind of event (action or entity prefix) without renumbering', async () => {
		const all = await journal();
		const workshops = await journal('?kind=workshop');
		expect(workshops.length).toBeGreaterThan(0);
		expect(workshops.every((e) => e.action.startsWith('workshop.'))).toBe(true);
		expect(workshops.map((e) => e.seq)).toEqual(all.filter((e) => e.action.startsWith('workshop.')).map((e) => e.seq));
		const joined = await journal('?kind=workshop.guest_joined');
		expect(joined.map((e) => e.action)).toEqual(['workshop.guest_joined', 'workshop.guest_joined']);
		expect(await journal('?kind=tender')).toEqual([]);
	});

	it('filters by person and by Swedish calendar days', async () => {
		const all = await journal();
		const byMaria = await journal(`?actor=${maria.id}`);
		expect(byMaria.length).toBe(all.filter((e) => e.actor.userId === maria.id).length);
		expect(byMaria.length).toBeLessThan(all.length);
		expect(await journal(`?actor=${tomas.id}`)).toEqual([]);
		expect(await journal(`?from=${stockholmToday()}&to=${stockholmToday()}`)).toHaveLength(all.length);
		expect(await journal(`?to=${stockholmToday(-1)}`)).toEqual([]);
		expect(await journal(`?from=${stockholmToday(1)}`)).toEqual([]);
		expect(await journal(`?kind=initiative&actor=${maria.id}&from=${stockholmToday()}`)).toHaveLength(2);
	});

	it('answers bad filters, languages and formats with 400 and a Swedish message, never 500', async () => {
		for (const query of ['?kind=Robert%27);drop', '?kind=a.b.c', '?actor=nope', '?from=2026-02-30', '?to=07-12-2026', '?from=2026-03-02&to=2026-03-01', '?lang=fr', '?format=xml']) {
			const res = await as(maria).get(`/api/v1/initiatives/${initiativeId}/audit${query}`);
			expect(res.status, query).toBe(400);
			const body = await res.json();
			expect(body.error.code, query).toBe('invalid_request');
			expect(body.error.message, query).toMatch(/[a-zåäö]/);
		}
	});

	it('stays closed to everyone the policy does not let read the journal', async () => {
		expect((await as(tomas).get(`/api/v1/initiatives/${initiativeId}/audit?kind=workshop`)).status).toBe(404);
		expect((await as(tomas).get(`/api/v1/initiatives/${initiativeId}/audit?format=csv`)).status).toBe(404);
		expect((await as(null).get(`/api/v1/initiatives/${initiativeId}/audit`)).status).toBe(401);
	});
});

describe('the journal CSV', () => {
	it('is UTF-8 with a BOM, semicolon-separated, with the sentence beside the raw event', async () => {
		const res = await ok(as(maria).get(`/api/v1/initiatives/${initiativeId}/audit?format=csv`));
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="journal-\d{4}-\d{2}-\d{2}\.csv"/);
		const bytes = new Uint8Array(await res.clone().arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
		expect(lines[0]).toBe('"Nr";"Tid (svensk tid)";"Vem";"Händelse";"Detaljer";"Händelsekod";"Rådata";"Hash"');
		const entries = await journal();
		expect(lines).toHaveLength(entries.length + 1);
		expect(lines[1]).toMatch(/^1;\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};"Maria Lind";"Maria Lind skapade initiativet ”Torra golv”\.";/);
		expect(lines[1]).toContain('"initiative.created"');
	});

	it('carries the filter and the language', async () => {
		const res = await ok(as(maria).get(`/api/v1/initiatives/${initiativeId}/audit?format=csv&lang=en&kind=workshop.guest_joined`));
		const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
		expect(lines[0]).toBe('"No.";"Time (Swedish time)";"Who";"Event";"Details";"Event code";"Raw data";"Hash"');
		expect(lines.slice(1).map((l) => l.split(';')[3])).toEqual([
			'"Anonymous participant joined the workshop “Hemlig workshop”."',
			'"Guest (Lisa förskollärare) joined the workshop “Öppen workshop”."'
		]);
	});
});

describe('every other CSV download', () => {
	async function file(path: string) {
		const res = await ok(as(maria).get(path));
		expect(res.headers.get('content-type'), path).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition'), path).toMatch(/^attachment; /);
		const bytes = new Uint8Array(await res.clone().arrayBuffer());
		expect([...bytes.slice(0, 3)], path).toEqual([0xef, 0xbb, 0xbf]);
		// Exactly one BOM: the writer adds it, nobody else.
		expect([...bytes.slice(3, 6)], path).not.toEqual([0xef, 0xbb, 0xbf]);
		return (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
	}

	it('writes the needs register for Swedish Excel', async () => {
		const [head] = await file(`/api/v1/initiatives/${initiativeId}/needs/export?format=csv`);
		expect(head.split(';')[0]).toBe('"Rubrik"');
		expect(head).toContain(';"Behovsformulering";');
	});

	it('writes workshop results for Swedish Excel', async () => {
		const workshops = (await (await ok(as(maria).get(`/api/v1/initiatives/${initiativeId}/workshops`))).json()) as Array<{ id: string }> | { workshops: Array<{ id: string }> };
		const list = Array.isArray(workshops) ? workshops : workshops.workshops;
		const [head] = await file(`/api/v1/workshops/${list[0].id}/results?format=csv`);
		expect(head).toBe('"grupp";"gruppens röster";"kort";"kortets röster"');
	});
});

describe('the journal page', () => {
	it('shows sentences with continuous numbers, the chain check and the filter form', async () => {
		const res = await ok(as(maria).get(`/initiatives/${initiativeId}/journal?kind=workshop`));
		const html = await res.text();
		expect(html).toContain('Maria Lind flyttade workshoppen ”Öppen workshop” från Samla till Gruppera.');
		expect(html).not.toContain('Maria Lind skapade initiativet');
		expect(html).toContain('Kedjan är obruten');
		expect(html).toMatch(/<form[^>]*method="GET"/i);
		expect(html).not.toContain('Nora');
	});

	it('explains a bad filter instead of failing', async () => {
		const res = await ok(as(maria).get(`/initiatives/${initiativeId}/journal?from=2026-02-30`));
		expect(await res.text()).toContain('Skriv datum som ÅÅÅÅ-MM-DD');
	});
});
