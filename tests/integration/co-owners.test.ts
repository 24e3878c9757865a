/**
 * Joint buyers by consent: another buyer organisation added by its number is only invited; until
 * one of its administrators accepts, nothing of the initiative counts for it — not visible to its
 * people, not in their procedure advice. Through the real server (built handler on port 0) and
 * its JSON API and pages, with people signed up through the public API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { auditLog, outbox } from '../../src/lib/server/db/schema/index.ts';

let server: TestServer;
let seq = 0;

function orgNumber(): string {
	const nine = `${Math.floor(100_000_000 + Math.random() * 899_999_999)}`.slice(0, 9);
	let sum = 0;
	for (let i = 0; i < 9; i++) {
		let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
		if (d > 9) d -= 9;
		sum += d;
	}
	const ten = nine + ((10 - (sum % 10)) % 10);
	return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}

const PASSWORD = 'ett långt och ovanligt lösenord 42';

interface Person {
	client: Client;
	id: string;
	email: string;
	organisation: { id: string; name: string; orgNumber: string };
}

const emailFor = (name: string) => `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now().toString(36)}${seq++}@example.se`;

/** Signs up a person with a new organisation of their own (they become its administrator). */
async function signup(name: string, orgName: string): Promise<Person> {
	const client = new Client(server.url);
	const email = emailFor(name);
	const number = orgNumber();
	const res = await client.post('/api/v1/auth/signup', { email, password: PASSWORD, name, organisation: { name: orgName, kind: 'buyer', orgNumber: number } });
	expect(res.status, await res.clone().text()).toBe(201);
	const body = await res.json();
	return { client, id: body.user.id, email, organisation: { ...body.organisation, orgNumber: number } };
}

/** A colleague (not an administrator) who joins `admin`'s organisation by invitation. */
async function colleagueOf(admin: Person, name: string): Promise<Person> {
	const email = emailFor(name);
	const invited = await admin.client.post('/api/v1/organisation/invitations', { email });
	expect(invited.status).toBe(201);
	const token = (await invited.json()).inviteUrl.split('/').at(-1);
	const client = new Client(server.url);
	const res = await client.post('/api/v1/auth/signup', { email, password: PASSWORD, name, inviteToken: token });
	expect(res.status).toBe(201);
	return { client, id: (await res.json()).user.id, email, organisation: admin.organisation };
}

const advice = (p: Person) =>
	p.client.post('/api/v1/procedure-advice', { estimatedValueSek: 300000, purchaseKind: 'services', buyerKind: 'municipality_region', marketSituation: 'exists', needsRnd: false });

async function sameKindInitiative(leader: Person, title: string, value: number): Promise<string> {
	const res = await leader.client.post('/api/v1/initiatives', { title, estimatedValueSek: value });
	expect(res.status).toBe(201);
	const { id } = await res.json();
	// The purchase kind comes from the procedure decision; set it directly for the aggregation.
	await server.app.db.execute(sql`update initiatives set purchase_kind = 'services' where id = ${id}`);
	return id;
}

let maria: Person;
let nils: Person;
let kalle: Person;

beforeAll(async () => {
	server = await startTestServer();
	// The first account on an installation is the platform administrator: keep it out of the way.
	await signup('Plattform Admin', 'Driftbolaget');
	maria = await signup('Maria Lind', 'Sjöstads kommun');
	nils = await signup('Nils Granne', 'Grannby kommun');
	kalle = await colleagueOf(nils, 'Kalle Kollega');
});

afterAll(async () => {
	await server?.stop();
});

describe('inviting a neighbouring municipality to co-own an initiative', () => {
	let id: string;
	const title = 'Gemensamt larm i hemtjänsten';

	beforeAll(async () => {
		id = await sameKindInitiative(maria, title, 400000);
	});

	it('creates a pending invitation, not an owner', async () => {
		const res = await maria.client.post(`/api/v1/initiatives/${id}/organisations`, { orgNumber: nils.organisation.orgNumber.replace('-', '') });
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ status: 'pending', organisation: { id: nils.organisation.id, name: 'Grannby kommun' } });
		const detail = await (await maria.client.get(`/api/v1/initiatives/${id}`)).json();
		expect(detail.organisations.map((o: { id: string }) => o.id)).toEqual([maria.organisation.id]);
		const pending = await (await maria.client.get(`/api/v1/initiatives/${id}/organisations`)).json();
		expect(pending).toEqual([expect.objectContaining({ status: 'pending', organisation: { id: nils.organisation.id, name: 'Grannby kommun' } })]);
		const again = await maria.client.post(`/api/v1/initiatives/${id}/organisations`, { orgNumber: nils.organisation.orgNumber });
		expect(again.status).toBe(409);
		expect((await again.json()).error.code).toBe('already_invited');
	});

	it('shows the pending invitation in the initiative\'s organisations section', async () => {
		const html = await (await maria.client.get(`/initiatives/${id}`)).text();
		expect(html).toContain('Inbjudna ägare');
		expect(html).toContain('Grannby kommun (väntar på svar)');
	});

	it('lets nobody of the invited organisation see the initiative, and leaves their advice unchanged', async () => {
		for (const p of [nils, kalle]) {
			expect((await p.client.get(`/api/v1/initiatives/${id}`)).status).toBe(404);
			const list = await (await p.client.get('/api/v1/initiatives')).json();
			expect(JSON.stringify(list)).not.toContain(title);
			const a = await (await advice(p)).json();
			expect(a.aggregation).toMatchObject({ sameKindSek: 0, initiatives: [], hidden: { count: 0, estimatedValueSek: 0 } });
		}
	});

	it('mails the invited organisation\'s administrators through the outbox', async () => {
		const mails = await server.app.db.select().from(outbox).where(eq(outbox.to, nils.email));
		const mail = mails.find((m) => m.subject.includes(title));
		expect(mail?.body).toContain('Maria Lind');
		expect(mail?.body).toContain('/organisation#co-owner-invitations');
		const toKalle = await server.app.db.select().from(outbox).where(eq(outbox.to, kalle.email));
		expect(toKalle.some((m) => m.subject.includes(title))).toBe(false);
	});

	it('is listed for the invited organisation\'s administrators only, on the API and their organisation page', async () => {
		const list = await (await nils.client.get('/api/v1/organisation/co-owner-invitations')).json();
		expect(list).toEqual([expect.objectContaining({ initiative: { id, title }, owners: ['Sjöstads kommun'], invitedBy: 'Maria Lind' })]);
		expect((await kalle.client.get('/api/v1/organisation/co-owner-invitations')).status).toBe(403);
		expect(await (await nils.client.get('/organisation')).text()).toContain(title);
		expect(await (await kalle.client.get('/organisation')).text()).not.toContain(title);
	});

	it('cannot be accepted by a member of the invited organisation who is not an administrator (403), nor by anyone else (404)', async () => {
		const [invitation] = await (await nils.client.get('/api/v1/organisation/co-owner-invitations')).json();
		const byKalle = await kalle.client.post(`/api/v1/organisation/co-owner-invitations/${invitation.id}/accept`);
		expect(byKalle.status).toBe(403);
		expect((await maria.client.post(`/api/v1/organisation/co-owner-invitations/${invitation.id}/accept`)).status).toBe(404);
		expect((await nils.client.post('/api/v1/organisation/co-owner-invitations/not-a-uuid/accept')).status).toBe(404);
		const kalleForm = await kalle.client.request('POST', '/organisation?/acceptCoOwner', new URLSearchParams({ invitationId: invitation.id }).toString(), {
			'content-type': 'application/x-www-form-urlencoded'
		});
		expect(kalleForm.status).toBe(403);
		const a = await (await advice(nils)).json();
		expect(a.aggregation.sameKindSek).toBe(0);
	});

	it('counts the initiative for the organisation once its administrator accepts, journalled on both sides', async () => {
		const [invitation] = await (await nils.client.get('/api/v1/organisation/co-owner-invitations')).json();
		const res = await nils.client.post(`/api/v1/organisation/co-owner-invitations/${invitation.id}/accept`);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ id: invitation.id, status: 'accepted' });
		expect((await nils.client.post(`/api/v1/organisation/co-owner-invitations/${invitation.id}/decline`)).status).toBe(409);

		const detail = await (await maria.client.get(`/api/v1/initiatives/${id}`)).json();
		expect(detail.organisations.map((o: { id: string }) => o.id).sort()).toEqual([maria.organisation.id, nils.organisation.id].sort());
		expect(await (await maria.client.get(`/api/v1/initiatives/${id}/organisations`)).json()).toEqual([]);

		// Counted in the organisation's same-kind aggregation; named only to those who may see it.
		const a = await (await advice(nils)).json();
		expect(a.aggregation).toMatchObject({ sameKindSek: 400000, initiatives: [], hidden: { count: 1, estimatedValueSek: 400000 } });
		expect(JSON.stringify(a)).not.toContain(title);
		const own = await (await advice(maria)).json();
		expect(own.aggregation.initiatives).toEqual([expect.objectContaining({ id, title, estimatedValueSek: 400000 })]);

		const chain = await server.app.db.select().from(auditLog).where(eq(auditLog.initiativeId, id));
		expect(chain.map((r) => r.action)).toEqual(expect.arrayContaining(['organisation.invited', 'organisation.invitation_accepted']));
		expect(chain.find((r) => r.action === 'organisation.invitation_accepted')).toMatchObject({ actorUserId: nils.id, data: expect.objectContaining({ organisationId: nils.organisation.id }) });
		const platform = await server.app.db
			.select()
			.from(auditLog)
			.where(and(isNull(auditLog.initiativeId), eq(auditLog.action, 'organisation.invitation_accepted')));
		expect(platform.map((r) => (r.data as { initiativeId: string }).initiativeId)).toContain(id);
	});
});

describe('declining an invitation', () => {
	it('leaves nothing of the initiative with the organisation, journalled, and allows a new invitation later', async () => {
		const title = 'Avböjt samarbete';
		const id = await sameKindInitiative(maria, title, 250000);
		expect((await maria.client.post(`/api/v1/initiatives/${id}/organisations`, { orgNumber: nils.organisation.orgNumber })).status).toBe(201);
		const invitation = (await (await nils.client.get('/api/v1/organisation/co-owner-invitations')).json()).find(
			(i: { initiative: { id: string } }) => i.initiative.id === id
		);
		const page = await nils.client.request('POST', '/organisation?/declineCoOwner', new URLSearchParams({ invitationId: invitation.id }).toString(), {
			'content-type': 'application/x-www-form-urlencoded'
		});
		expect(page.status).toBe(200);

		const detail = await (await maria.client.get(`/api/v1/initiatives/${id}`)).json();
		expect(detail.organisations.map((o: { id: string }) => o.id)).toEqual([maria.organisation.id]);
		const a = await (await advice(nils)).json();
		expect(a.aggregation.sameKindSek).toBe(400000);
		const chain = await server.app.db.select().from(auditLog).where(eq(auditLog.initiativeId, id));
		expect(chain.map((r) => r.action)).toContain('organisation.invitation_declined');

		expect((await maria.client.post(`/api/v1/initiatives/${id}/organisations`, { orgNumber: nils.organisation.orgNumber })).status).toBe(201);
	});

	it('still refuses suppliers, unknown and invalid numbers, and current owners', async () => {
		const id = await sameKindInitiative(maria, 'Kontroller', 1);
		const supplierNumber = orgNumber();
		const s = await new Client(server.url).post('/api/v1/auth/signup', {
			email: emailFor('Sara Leverantör'),
			password: PASSWORD,
			name: 'Sara Leverantör',
			organisation: { name: 'Larmbolaget AB', kind: 'supplier', orgNumber: supplierNumber }
		});
		expect(s.status).toBe(201);
		const post = (orgNumber: string) => maria.client.post(`/api/v1/initiatives/${id}/organisations`, { orgNumber });
		expect((await (await post(supplierNumber)).json()).error.code).toBe('not_a_buyer');
		expect((await (await post('123456-7890')).json()).error.code).toBe('invalid_org_number');
		expect((await (await post(maria.organisation.orgNumber)).json()).error.code).toBe('already_owner');
		expect((await nils.client.post(`/api/v1/initiatives/${id}/organisations`, { orgNumber: nils.organisation.orgNumber })).status).toBe(404);
	});
});
