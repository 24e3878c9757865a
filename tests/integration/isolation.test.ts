/**
 * Rule 3 inside a team (issue 11): two supplier experts on one buyer team each plant their name,
 * e-mail address and organisation, work in everything a team member can (brief, requirements,
 * comments, versions, needs, a named workshop), and then each crawls every page and API route a
 * team member can reach for the initiative — plus their own mail — looking for the other's
 * planted strings and ids. None may appear.
 *
 * Also: the conflicts register keeps anonymous workshops anonymous (participation and the
 * workshop's date only, no count and no card time, in the register, the API and the journal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { addRequirement } from '../../src/lib/shapes/requirements.ts';
import * as audit from '../../src/lib/server/audit/index.ts';
import { outbox, users, workshopCards, workshops } from '../../src/lib/server/db/schema/index.ts';
import { workshopDate } from '../../src/lib/server/conflicts/index.ts';

let server: TestServer;
let leader: TestUser;
let initiativeId: string;

interface Planted {
	user: TestUser;
	org: { id: string; name: string };
	email: string;
	/** Lower-case marker that is part of the name, the organisation name and the e-mail address. */
	marker: string;
}
let alfa: Planted;
let beta: Planted;
let workshopId: string;
const needIds: string[] = [];

function as(user: TestUser | null): Client {
	const c = new Client(server.url);
	if (user) {
		const [name, value] = user.cookie.split('=');
		c.setCookie(name, value);
	}
	return c;
}

async function plantSupplier(marker: string, first: string): Promise<Planted> {
	const app = server.app;
	const org = await makeOrganisation(app, 'supplier', `${marker[0].toUpperCase()}${marker.slice(1)} Teknik AB`);
	const user = await makeUser(app, { organisationId: org.id, name: `${first} ${marker[0].toUpperCase()}${marker.slice(1)}` });
	const email = `${first.toLowerCase()}@${marker}.example`;
	await app.db.update(users).set({ email }).where(eq(users.id, user.id));
	await addMember(app, initiativeId, user.id, 'team');
	return { user, org, email, marker };
}

/** Everything one supplier does as a team member, so that every view has something of theirs to leak. */
async function work(p: Planted, uid: string) {
	const app = server.app;
	const by = { userId: p.user.id, organisationId: p.org.id };
	await app.liveDocs!.change(`brief.${initiativeId}`, by, (doc) => doc.getText('notes').insert(0, `Bakgrund ${uid}. `));
	await app.liveDocs!.change(`requirements.${initiativeId}`, by, (doc) => addRequirement(doc, { uid, kind: 'function', obligation: 'ska', text: `Krav ${uid}` }));
	const need = await as(p.user).post(`/api/v1/initiatives/${initiativeId}/needs`, { title: `Behov ${uid}`, statement: 'Personalen behöver veta när någon har fallit.' });
	expect(need.status).toBe(201);
	needIds.push((await need.json()).id);
	expect((await as(p.user).post(`/api/v1/initiatives/${initiativeId}/requirements/comments`, { requirementUid: uid, body: `Kommentar ${uid}` })).status).toBe(201);
	expect((await as(p.user).post(`/api/v1/workshops/${workshopId}/cards`, { text: `Kort ${uid}` })).status).toBe(201);
	// Whether a supplier may publish is the requirements module's rule; a version it did publish must not name it.
	await as(p.user).post(`/api/v1/initiatives/${initiativeId}/requirements/versions`, { note: `Version ${uid}` });
}

beforeAll(async () => {
	server = await startTestServer();
	const app = server.app;
	const kommun = await makeOrganisation(app, 'buyer', 'Ystads kommun');
	leader = await makeUser(app, { organisationId: kommun.id, name: 'Lea Processledare' });
	const buyerColleague = await makeUser(app, { organisationId: kommun.id, name: 'Tom Upphandlare' });
	const ini = await makeInitiative(app, leader, 'Fallprevention i hemtjänsten');
	initiativeId = ini.id;
	await app.db.execute(sql`insert into initiative_organisations (initiative_id, organisation_id) values (${initiativeId}, ${kommun.id})`);
	await addMember(app, initiativeId, buyerColleague.id, 'team');
	const w = await as(leader).post(`/api/v1/initiatives/${initiativeId}/workshops`, { title: 'Fall nattetid', question: 'När faller någon?', anonymous: false });
	expect(w.status).toBe(201);
	workshopId = (await w.json()).id;
	expect((await as(leader).post(`/api/v1/workshops/${workshopId}/phase`, { phase: 'collect' })).status).toBe(200);

	alfa = await plantSupplier('kanarialfa', 'Alva');
	beta = await plantSupplier('kanaribeta', 'Bertil');
	await work(alfa, 'u-alfa');
	await work(beta, 'u-beta');
	expect((await as(leader).post(`/api/v1/initiatives/${initiativeId}/requirements/versions`, { note: 'Inför RFI' })).status).toBe(201);
	await as(leader).post(`/api/v1/workshops/${workshopId}/phase`, { phase: 'closed' });
	// The buyer's register has seen both suppliers (and journalled them) before anyone crawls.
	const register = await (await as(leader).get(`/api/v1/initiatives/${initiativeId}/conflicts`)).json();
	expect(register.map((e: { organisation: { id: string } }) => e.organisation.id).sort()).toEqual([alfa.org.id, beta.org.id].sort());

	// Mail: each expert is invited to a second initiative on which the other already works.
	for (const [invitee, other] of [
		[alfa, beta],
		[beta, alfa]
	] as const) {
		const second = await makeInitiative(app, leader, 'Trygg hemgång');
		await addMember(app, second.id, other.user.id, 'team');
		const res = await as(leader).post(`/api/v1/initiatives/${second.id}/invitations`, { email: invitee.email, role: 'team' });
		expect(res.status).toBe(201);
	}
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

/** Every page and API route of the initiative a team member can reach (or is refused). */
async function routes(): Promise<string[]> {
	const i = `/initiatives/${initiativeId}`;
	const api = `/api/v1/initiatives/${initiativeId}`;
	const versions = (await (await as(leader).get(`${api}/requirements/versions`)).json()).versions as Array<{ version: number }>;
	const v = versions.map((x) => x.version);
	const perVersion = v.flatMap((n) => [`${api}/requirements/versions/${n}`, `${api}/requirements/versions/${n}/docx`, `${i}/requirements/versions/${n}/print`]);
	return [
		'/initiatives',
		'/account',
		'/organisation',
		i,
		`${i}/brief`,
		`${i}/members`,
		...[alfa, beta].map((p) => `${i}/members/account?email=${encodeURIComponent(p.email)}`),
		`${i}/needs`,
		...needIds.map((id) => `${i}/needs/${id}`),
		`${i}/needs/effect-logic`,
		`${i}/needs/new`,
		`${i}/requirements`,
		`${i}/requirements/compare`,
		`${i}/requirements/compare?a=${Math.min(...v)}&b=${Math.max(...v)}`,
		...perVersion,
		`${i}/workshops`,
		`${i}/workshops/${workshopId}`,
		`${i}/workshops/${workshopId}/results`,
		`${i}/conflicts`,
		`${i}/procedure`,
		`${i}/journal`,
		'/api/v1/me',
		'/api/v1/organisation',
		'/api/v1/initiatives',
		api,
		`${api}/members`,
		`${api}/invitations`,
		`${api}/audit`,
		`${api}/audit?format=csv`,
		`${api}/conflicts`,
		`${api}/needs`,
		`${api}/needs/effect-logic`,
		`${api}/needs/export?format=csv`,
		`${api}/needs/export?format=docx`,
		...needIds.map((id) => `/api/v1/needs/${id}`),
		`${api}/requirements`,
		`${api}/requirements/comments`,
		`${api}/requirements/comments?requirement=u-alfa`,
		`${api}/requirements/comments?requirement=u-beta`,
		`${api}/requirements/versions`,
		`${api}/requirements/versions/${Math.min(...v)}/diff/${Math.max(...v)}`,
		`${api}/workshops`,
		`/api/v1/workshops/${workshopId}`,
		`/api/v1/workshops/${workshopId}/results`,
		`/api/v1/workshops/${workshopId}/results?format=csv`,
		`/api/v1/docs/brief.${initiativeId}/contributors`,
		`/api/v1/docs/requirements.${initiativeId}/contributors`,
		`/api/v1/docs/workshop.${workshopId}/contributors`
	];
}

/** The body as text; ZIP containers (DOCX) are unpacked so compressed XML is searched too. */
async function readable(res: Response): Promise<string> {
	const bytes = new Uint8Array(await res.arrayBuffer());
	if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
		return Object.values(unzipSync(bytes))
			.map((b) => strFromU8(b))
			.join('\n');
	}
	return new TextDecoder().decode(bytes);
}

function leaks(text: string, other: Planted): string[] {
	const lower = text.toLowerCase();
	return [other.marker, other.user.id, other.org.id, other.email].filter((s) => lower.includes(s.toLowerCase()));
}

describe('supplier experts on one buyer team (rule 3)', () => {
	for (const [who, other] of [
		['the first', 'the second'],
		['the second', 'the first']
	] as const) {
		it(`never show ${who} supplier's expert anything of ${other} supplier, on any page, API route, export or in their mail`, async () => {
			const me = who === 'the first' ? alfa : beta;
			const them = who === 'the first' ? beta : alfa;
			const found: string[] = [];
			const statuses: Record<string, number> = {};
			for (const path of await routes()) {
				const res = await as(me.user).get(path);
				statuses[path] = res.status;
				expect(res.status, path).toBeLessThan(500);
				for (const s of leaks(await readable(res), them)) found.push(`${path}: ${s}`);
			}
			const mail = await server.app.db.select().from(outbox).where(eq(outbox.to, me.email));
			expect(mail.length).toBeGreaterThan(0);
			for (const m of mail) for (const s of leaks(`${m.subject}\n${m.body}`, them)) found.push(`mail "${m.subject}": ${s}`);
			expect(found).toEqual([]);

			// The crawl reached the views, and the views show the buyers and the expert's own organisation.
			const i = `/initiatives/${initiativeId}`;
			const api = `/api/v1/initiatives/${initiativeId}`;
			for (const path of [i, `${i}/members`, `${i}/brief`, `${i}/requirements`, api, `${api}/members`, `${api}/requirements/comments`]) expect(statuses[path], path).toBe(200);
			const members = (await (await as(me.user).get(`${api}/members`)).json()) as Array<{ user: { name: string } }>;
			expect(members.map((m) => m.user.name).sort()).toEqual(['Lea Processledare', me.user.name, 'Tom Upphandlare'].sort());
			const contributors = (await (await as(me.user).get(`/api/v1/docs/requirements.${initiativeId}/contributors`)).json()) as Array<{ user: { id: string } }>;
			expect(contributors.map((c) => c.user.id)).toEqual([me.user.id]);
		});
	}

	it('refuses the conflicts register and the journal to a supplier on the team as if they did not exist', async () => {
		for (const path of [`/api/v1/initiatives/${initiativeId}/conflicts`, `/api/v1/initiatives/${initiativeId}/audit`]) {
			const res = await as(alfa.user).get(path);
			expect(res.status, path).toBe(404);
			expect((await res.json()).error.code).toBe('not_found');
		}
		for (const path of [`/initiatives/${initiativeId}/conflicts`, `/initiatives/${initiativeId}/journal`]) {
			expect((await as(alfa.user).get(path)).status, path).toBe(404);
		}
		const body = await (await as(alfa.user).get(`/api/v1/initiatives/${initiativeId}`)).json();
		expect(body.abilities).toMatchObject({ readConflicts: false, readJournal: false, manageMembers: false, editRequirements: true });
	});

	it('refuses the list of open invitations to a supplier on the team', async () => {
		expect((await as(alfa.user).get(`/api/v1/initiatives/${initiativeId}/invitations`)).status).toBe(403);
	});

	it('names comment authors a supplier may not name as the team, buyers alike, so a blank never singles out a competitor', async () => {
		await as(leader).post(`/api/v1/initiatives/${initiativeId}/requirements/comments`, { requirementUid: 'u-beta', body: 'Från beställaren' });
		const { comments } = await (await as(alfa.user).get(`/api/v1/initiatives/${initiativeId}/requirements/comments?requirement=u-beta`)).json();
		expect(comments.map((c: { author: { id: string; name: string } }) => c.author)).toEqual([
			{ id: '', name: 'Teamet' },
			{ id: '', name: 'Teamet' }
		]);
		const own = await (await as(alfa.user).get(`/api/v1/initiatives/${initiativeId}/requirements/comments?requirement=u-alfa`)).json();
		expect(own.comments[0].author).toEqual({ id: alfa.user.id, name: alfa.user.name });
	});

	it('still shows the buyer everyone: members, contributors and the register', async () => {
		const members = (await (await as(leader).get(`/api/v1/initiatives/${initiativeId}/members`)).json()) as Array<{ user: { id: string } }>;
		expect(members.map((m) => m.user.id)).toEqual(expect.arrayContaining([alfa.user.id, beta.user.id]));
		const contributors = (await (await as(leader).get(`/api/v1/docs/requirements.${initiativeId}/contributors`)).json()) as Array<{ user: { id: string } }>;
		expect(contributors.map((c) => c.user.id)).toEqual(expect.arrayContaining([alfa.user.id, beta.user.id]));
		const { comments } = await (await as(leader).get(`/api/v1/initiatives/${initiativeId}/requirements/comments?requirement=u-beta`)).json();
		expect(comments[0].author).toEqual({ id: beta.user.id, name: beta.user.name });
	});
});

describe('the conflicts register and anonymous workshops', () => {
	let anonInitiative: string;
	let supplier: TestUser;
	let supplierOrg: { id: string; name: string };
	let anonymousWorkshop: { id: string; title: string };
	let namedWorkshop: { id: string };

	beforeAll(async () => {
		const app = server.app;
		anonInitiative = (await makeInitiative(app, leader, 'Anonyma workshoppar')).id;
		supplierOrg = await makeOrganisation(app, 'supplier', 'Kortbolaget AB');
		supplier = await makeUser(app, { organisationId: supplierOrg.id, name: 'Kim Kortskrivare' });
		await addMember(app, anonInitiative, supplier.id, 'team');
		const create = async (title: string, anonymous: boolean) => {
			const res = await as(leader).post(`/api/v1/initiatives/${anonInitiative}/workshops`, { title, question: 'Vad är svårt?', anonymous });
			expect(res.status).toBe(201);
			const w = await res.json();
			expect((await as(leader).post(`/api/v1/workshops/${w.id}/phase`, { phase: 'collect' })).status).toBe(200);
			return w as { id: string; title: string };
		};
		anonymousWorkshop = await create('Anonym behovsverkstad', true);
		namedWorkshop = await create('Öppen behovsverkstad', false);
		for (const text of ['Nattfall syns inte', 'Larmen är för många']) {
			expect((await as(supplier).post(`/api/v1/workshops/${anonymousWorkshop.id}/cards`, { text })).status).toBe(201);
		}
	}, 30_000);

	/** Every way a card's creation time could be written: ISO, and to the minute in Swedish and UTC form. */
	async function cardTimes(workshop: string): Promise<string[]> {
		const cards = await server.app.db.select({ at: workshopCards.createdAt }).from(workshopCards).where(eq(workshopCards.workshopId, workshop));
		expect(cards.length).toBeGreaterThan(0);
		return cards.flatMap(({ at }) => {
			const sv = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(at);
			return [at.toISOString(), at.toISOString().slice(0, 16), sv, String(at.getTime())];
		});
	}

	it('records only participation with the workshop and its date in the register and the API — no count, no card time', async () => {
		const res = await as(leader).get(`/api/v1/initiatives/${anonInitiative}/conflicts`);
		expect(res.status).toBe(200);
		const text = await res.text();
		const [entry] = JSON.parse(text);
		const [w] = await server.app.db.select({ createdAt: workshops.createdAt }).from(workshops).where(eq(workshops.id, anonymousWorkshop.id));
		expect(entry).toEqual({
			organisation: { id: supplierOrg.id, name: 'Kortbolaget AB', kind: 'supplier' },
			users: [{ id: supplier.id, name: 'Kim Kortskrivare' }],
			level: 'flagged',
			evidence: [{ source: 'workshop_participation', workshop: { id: anonymousWorkshop.id, title: 'Anonym behovsverkstad', date: workshopDate(w.createdAt) } }]
		});
		for (const t of await cardTimes(anonymousWorkshop.id)) expect(text).not.toContain(t);
	});

	it('journals the flag with the workshop and its date only — no count, no card time', async () => {
		const flagged = (await audit.list(server.app.db, anonInitiative)).filter((e) => e.action === 'conflict.flagged');
		expect(flagged).toHaveLength(1);
		const [w] = await server.app.db.select({ createdAt: workshops.createdAt }).from(workshops).where(eq(workshops.id, anonymousWorkshop.id));
		expect(flagged[0].data).toEqual({
			organisationId: supplierOrg.id,
			organisation: 'Kortbolaget AB',
			userId: supplier.id,
			user: 'Kim Kortskrivare',
			evidence: [],
			participation: [{ workshopId: anonymousWorkshop.id, workshop: 'Anonym behovsverkstad', date: workshopDate(w.createdAt) }]
		});
		const journal = JSON.stringify(flagged[0].data);
		for (const t of await cardTimes(anonymousWorkshop.id)) expect(journal).not.toContain(t);
	});

	it('shows participation and the date on the register page, no card time', async () => {
		const res = await as(leader).get(`/initiatives/${anonInitiative}/conflicts`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Anonym behovsverkstad');
		for (const t of await cardTimes(anonymousWorkshop.id)) expect(html).not.toContain(t);
	});

	it('keeps counting cards with their times in a workshop run with names', async () => {
		expect((await as(supplier).post(`/api/v1/workshops/${namedWorkshop.id}/cards`, { text: 'Sensorer i sängen' })).status).toBe(201);
		const [entry] = await (await as(leader).get(`/api/v1/initiatives/${anonInitiative}/conflicts`)).json();
		const cards = entry.evidence.find((e: { source?: string }) => e.source === 'workshop_cards');
		expect(cards).toMatchObject({ source: 'workshop_cards', updates: 1 });
		expect(Date.parse(cards.firstAt)).not.toBeNaN();
		expect(entry.evidence.filter((e: { source?: string }) => e.source === 'workshop_participation')).toHaveLength(1);
	});
});
