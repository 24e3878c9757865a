/**
 * Initiatives, members, invitations, journal, contributors and the OpenAPI document, through the
 * real server (built handler on port 0) and its JSON API, as browsers with their own sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { docLedger, initiativeInvitations, outbox } from '../../src/lib/server/db/schema/index.ts';
import type { AccessChanged } from '../../src/lib/server/events.ts';

let server: TestServer;
const events: AccessChanged[] = [];

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

interface Person {
	client: Client;
	id: string;
	email: string;
	name: string;
	organisation: { id: string; name: string; kind: string; orgNumber: string };
}

/** Signs up a new person with their own organisation, through the public API. */
async function signup(kind: 'buyer' | 'supplier', name: string): Promise<Person> {
	const client = new Client(server.url);
	const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now().toString(36)}${seq++}@example.se`;
	const number = orgNumber();
	const res = await client.post('/api/v1/auth/signup', {
		email,
		password: 'ett långt och ovanligt lösenord 42',
		name,
		organisation: { name: `${kind === 'buyer' ? 'Kommun' : 'Företag AB'} ${seq}`, kind, orgNumber: number }
	});
	expect(res.status, await res.clone().text()).toBe(201);
	const body = await res.json();
	return { client, id: body.user.id, email, name, organisation: { ...body.organisation, orgNumber: number } };
}

function tokenOf(inviteUrl: string): string {
	return new URL(inviteUrl).pathname.split('/').pop()!;
}

async function createInitiative(owner: Person, title = 'Torra golv i förskolan') {
	const res = await owner.client.post('/api/v1/initiatives', { title, description: 'Snö och grus i hallen.', estimatedValueSek: 450000 });
	expect(res.status).toBe(201);
	return (await res.json()) as { id: string; title: string; phase: string; docs: { brief: string; requirements: string } };
}

async function invite(by: Person, initiativeId: string, email: string, role: string, label?: string) {
	return by.client.post(`/api/v1/initiatives/${initiativeId}/invitations`, { email, role, ...(label ? { label } : {}) });
}

/** Invites and accepts: `who` becomes a member with `role`. */
async function join(leader: Person, initiativeId: string, who: Person, role: string, label?: string) {
	const res = await invite(leader, initiativeId, who.email, role, label);
	expect(res.status).toBe(201);
	const { inviteUrl } = await res.json();
	const accepted = await who.client.post(`/api/v1/invitations/${tokenOf(inviteUrl)}/accept`);
	expect(accepted.status).toBe(200);
}

let maria: Person;
let ahmed: Person;
let eva: Person;
let outsider: Person;
let supplier: Person;
let neighbour: Person;

beforeAll(async () => {
	server = await startTestServer();
	server.app.events.on('access-changed', (e) => events.push(e));
	maria = await signup('buyer', 'Maria Lind');
	ahmed = await signup('buyer', 'Ahmed Karimi');
	eva = await signup('buyer', 'Eva Berg');
	outsider = await signup('buyer', 'Olle Utanför');
	supplier = await signup('supplier', 'Sara Holm');
	neighbour = await signup('buyer', 'Nils Granne');
});

afterAll(async () => {
	await server?.stop();
});

describe('creating initiatives', () => {
	it('makes the creator process leader, owned by their organisation, with its live documents named', async () => {
		const created = await createInitiative(maria);
		expect(created).toMatchObject({ title: 'Torra golv i förskolan', phase: 'initiate', docs: { brief: `brief.${created.id}`, requirements: `requirements.${created.id}` } });

		const list = await (await maria.client.get('/api/v1/initiatives')).json();
		expect(list).toContainEqual(expect.objectContaining({ id: created.id, title: created.title, phase: 'initiate', role: 'process_leader' }));

		const detail = await (await maria.client.get(`/api/v1/initiatives/${created.id}`)).json();
		expect(detail).toMatchObject({
			id: created.id,
			description: 'Snö och grus i hallen.',
			estimatedValueSek: 450000,
			organisations: [{ id: maria.organisation.id, name: maria.organisation.name }],
			members: [{ user: { id: maria.id, name: 'Maria Lind' }, organisation: { id: maria.organisation.id }, role: 'process_leader', label: null }],
			docs: created.docs
		});
		expect(detail.abilities).toMatchObject({ administer: true, manageMembers: true, readJournal: true, editBrief: true });
	});

	it('refuses supplier users with 403 and anonymous callers with 401', async () => {
		const bySupplier = await supplier.client.post('/api/v1/initiatives', { title: 'Vårt eget initiativ' });
		expect(bySupplier.status).toBe(403);
		expect((await bySupplier.json()).error.code).toBe('forbidden');

		const anonymous = await new Client(server.url).post('/api/v1/initiatives', { title: 'x' });
		expect(anonymous.status).toBe(401);
	});

	it('answers malformed JSON, wrong types and missing titles with 400, never 500', async () => {
		const malformed = await maria.client.request('POST', '/api/v1/initiatives', '{"title": ', { 'content-type': 'application/json' });
		expect(malformed.status).toBe(400);
		expect((await malformed.json()).error.code).toBe('malformed_json');

		const wrongType = await maria.client.post('/api/v1/initiatives', { title: 42, estimatedValueSek: 'mycket' });
		expect(wrongType.status).toBe(400);
		expect((await wrongType.json()).error.code).toBe('invalid_request');

		const blank = await maria.client.post('/api/v1/initiatives', { title: '   ' });
		expect(blank.status).toBe(400);

		const negative = await maria.client.post('/api/v1/initiatives', { title: 'Negativt', estimatedValueSek: -5 });
		expect(negative.status).toBe(400);
	});
});

describe('existence is never revealed', () => {
	it('gives a non-member the same 404 as a random id or a malformed one', async () => {
		const { id } = await createInitiative(maria, 'Hemligt initiativ');
		const asOutsider = await outsider.client.get(`/api/v1/initiatives/${id}`);
		const random = await outsider.client.get(`/api/v1/initiatives/${crypto.randomUUID()}`);
		const malformed = await outsider.client.get('/api/v1/initiatives/inte-ett-id');
		expect([asOutsider.status, random.status, malformed.status]).toEqual([404, 404, 404]);
		const bodies = await Promise.all([asOutsider.json(), random.json(), malformed.json()]);
		expect(bodies[0]).toEqual(bodies[1]);
		expect(bodies[2]).toEqual(bodies[1]);

		for (const path of ['members', 'audit', 'audit/verify', 'invitations']) {
			expect((await outsider.client.get(`/api/v1/initiatives/${id}/${path}`)).status).toBe(404);
		}
		expect((await supplier.client.get(`/api/v1/initiatives/${id}`)).status).toBe(404);
	});

	it('shows the initiative pages to members and the 404 page to everyone else', async () => {
		const { id } = await createInitiative(maria, 'Synligt för medlemmar');
		const page = await maria.client.get(`/initiatives/${id}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Synligt för medlemmar');
		expect(html).toContain('aria-current="page"');

		expect((await outsider.client.get(`/initiatives/${id}`)).status).toBe(404);
		expect((await outsider.client.get(`/initiatives/${id}/members`)).status).toBe(404);
		expect((await maria.client.get('/initiatives/inte-ett-id')).status).toBe(404);
		const anonymous = await new Client(server.url).get(`/initiatives/${id}`);
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/login?next=');
	});
});

describe('invitations', () => {
	let initiativeId: string;
	beforeAll(async () => {
		initiativeId = (await createInitiative(maria, 'Inbjudningar')).id;
	});

	it('mails a single-use link bound to the address; the invitee accepts and becomes a member', async () => {
		const res = await invite(maria, initiativeId, ahmed.email.toUpperCase(), 'team', 'procurement_officer');
		expect(res.status).toBe(201);
		const created = await res.json();
		expect(created.inviteUrl).toMatch(new RegExp(`^${server.url}/invitations/[a-z2-7]{32}$`));
		const days = (new Date(created.expiresAt).getTime() - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(6.9);
		expect(days).toBeLessThanOrEqual(7);

		const token = tokenOf(created.inviteUrl);
		const [stored] = await server.app.db.select().from(initiativeInvitations).where(eq(initiativeInvitations.id, created.id));
		expect(stored.email).toBe(ahmed.email);
		expect(stored.tokenHash).not.toContain(token);
		expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);

		const mail = await server.app.db.select().from(outbox).where(eq(outbox.to, ahmed.email));
		expect(mail).toHaveLength(1);
		expect(mail[0].subject).toContain('Inbjudningar');
		expect(mail[0].body).toContain(created.inviteUrl);
		expect(mail[0].body).toContain('teammedlem (upphandlare)');

		const page = await new Client(server.url).get(`/invitations/${token}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Inbjudningar');

		const accepted = await ahmed.client.post(`/api/v1/invitations/${token}/accept`);
		expect(accepted.status).toBe(200);
		expect(await accepted.json()).toEqual({ initiativeId, role: 'team' });

		const detail = await (await ahmed.client.get(`/api/v1/initiatives/${initiativeId}`)).json();
		expect(detail.members).toContainEqual(expect.objectContaining({ user: { id: ahmed.id, name: 'Ahmed Karimi' }, role: 'team', label: 'procurement_officer' }));
		expect(detail.abilities).toMatchObject({ editBrief: true, manageMembers: false, readJournal: false });
		expect(events).toContainEqual(expect.objectContaining({ initiativeId, userId: ahmed.id, reason: 'invitation.accepted' }));

		const again = await ahmed.client.post(`/api/v1/invitations/${token}/accept`);
		expect(again.status).toBe(410);
		expect((await again.json()).error.code).toBe('invitation_used');
	});

	it('refuses another signed-in account with 403 wrong_account, and anonymous callers with 401', async () => {
		const { inviteUrl } = await (await invite(maria, initiativeId, eva.email, 'observer')).json();
		const token = tokenOf(inviteUrl);
		const wrong = await outsider.client.post(`/api/v1/invitations/${token}/accept`);
		expect(wrong.status).toBe(403);
		expect((await wrong.json()).error.code).toBe('wrong_account');
		expect((await new Client(server.url).post(`/api/v1/invitations/${token}/accept`)).status).toBe(401);
		// The right person can still use it.
		expect((await eva.client.post(`/api/v1/invitations/${token}/accept`)).status).toBe(200);
	});

	it('answers 410 invitation_expired after seven days and 404 for unknown tokens', async () => {
		const { id, inviteUrl } = await (await invite(maria, initiativeId, outsider.email, 'observer')).json();
		await server.app.db.update(initiativeInvitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(initiativeInvitations.id, id));
		const expired = await outsider.client.post(`/api/v1/invitations/${tokenOf(inviteUrl)}/accept`);
		expect(expired.status).toBe(410);
		expect((await expired.json()).error.code).toBe('invitation_expired');

		expect((await outsider.client.post(`/api/v1/invitations/${'a'.repeat(32)}/accept`)).status).toBe(404);
		expect((await outsider.client.post('/api/v1/invitations/nonsense/accept')).status).toBe(404);
	});

	it('lets only process leaders invite: team members get 403, outsiders 404', async () => {
		const byTeam = await invite(ahmed, initiativeId, 'ny.person@example.se', 'observer');
		expect(byTeam.status).toBe(403);
		const byOutsider = await invite(outsider, initiativeId, 'ny.person@example.se', 'observer');
		expect(byOutsider.status).toBe(404);
		const invalid = await invite(maria, initiativeId, 'inte en adress', 'observer');
		expect(invalid.status).toBe(400);
		const badRole = await invite(maria, initiativeId, 'ny.person@example.se', 'king');
		expect(badRole.status).toBe(400);
		const member = await invite(maria, initiativeId, ahmed.email, 'observer');
		expect(member.status).toBe(409);
		expect((await member.json()).error.code).toBe('already_member');
	});

	it('never lets a supplier lead, and flags a supplier address when inviting it to the team', async () => {
		const lead = await invite(maria, initiativeId, supplier.email, 'process_leader');
		expect(lead.status).toBe(403);
		expect((await lead.json()).error.code).toBe('supplier_cannot_lead');

		const team = await invite(maria, initiativeId, supplier.email, 'team', 'expert');
		expect(team.status).toBe(201);
		const body = await team.json();
		expect(body.supplierOrganisation).toBe(supplier.organisation.name);
		await supplier.client.post(`/api/v1/invitations/${tokenOf(body.inviteUrl)}/accept`);
		const promote = await maria.client.patch(`/api/v1/initiatives/${initiativeId}/members/${supplier.id}`, { role: 'process_leader' });
		expect(promote.status).toBe(403);
		expect((await promote.json()).error.code).toBe('supplier_cannot_lead');
	});
});

describe('members', () => {
	let initiativeId: string;
	beforeAll(async () => {
		initiativeId = (await createInitiative(maria, 'Medlemmar')).id;
		await join(maria, initiativeId, ahmed, 'team', 'needs_owner');
		await join(maria, initiativeId, eva, 'observer');
	});

	it('lets a process leader change roles and remove members, and re-checks their live access', async () => {
		events.length = 0;
		const changed = await maria.client.patch(`/api/v1/initiatives/${initiativeId}/members/${eva.id}`, { role: 'team', label: 'operations' });
		expect(changed.status).toBe(200);
		expect(await changed.json()).toEqual({ userId: eva.id, role: 'team', label: 'operations' });
		expect(events).toContainEqual({ initiativeId, userId: eva.id, reason: 'member.role_changed' });

		const removed = await maria.client.delete(`/api/v1/initiatives/${initiativeId}/members/${eva.id}`);
		expect(removed.status).toBe(204);
		expect(events).toContainEqual({ initiativeId, userId: eva.id, reason: 'member.removed' });
		expect((await eva.client.get(`/api/v1/initiatives/${initiativeId}`)).status).toBe(404);
	});

	it('refuses team members (403) and answers 404 for people who are not members', async () => {
		expect((await ahmed.client.patch(`/api/v1/initiatives/${initiativeId}/members/${maria.id}`, { role: 'observer' })).status).toBe(403);
		expect((await ahmed.client.delete(`/api/v1/initiatives/${initiativeId}/members/${maria.id}`)).status).toBe(403);
		expect((await maria.client.patch(`/api/v1/initiatives/${initiativeId}/members/${outsider.id}`, { role: 'observer' })).status).toBe(404);
		expect((await maria.client.patch(`/api/v1/initiatives/${initiativeId}/members/not-a-uuid`, { role: 'observer' })).status).toBe(404);
		expect((await maria.client.delete(`/api/v1/initiatives/${initiativeId}/members/${crypto.randomUUID()}`)).status).toBe(404);
		const badBody = await maria.client.request('PATCH', `/api/v1/initiatives/${initiativeId}/members/${ahmed.id}`, 'nope', { 'content-type': 'application/json' });
		expect(badBody.status).toBe(400);
	});

	it('keeps the last process leader: demoting or removing them answers 409 last_process_leader', async () => {
		const demote = await maria.client.patch(`/api/v1/initiatives/${initiativeId}/members/${maria.id}`, { role: 'team' });
		expect(demote.status).toBe(409);
		expect((await demote.json()).error.code).toBe('last_process_leader');
		const remove = await maria.client.delete(`/api/v1/initiatives/${initiativeId}/members/${maria.id}`);
		expect(remove.status).toBe(409);

		// With a second process leader, the first may step down.
		expect((await maria.client.patch(`/api/v1/initiatives/${initiativeId}/members/${ahmed.id}`, { role: 'process_leader' })).status).toBe(200);
		expect((await maria.client.patch(`/api/v1/initiatives/${initiativeId}/members/${maria.id}`, { role: 'team', label: 'expert' })).status).toBe(200);
		const back = await ahmed.client.patch(`/api/v1/initiatives/${initiativeId}/members/${maria.id}`, { role: 'process_leader' });
		expect(back.status).toBe(200);
	});
});

describe('initiative settings', () => {
	it('lets the process leader change details and phase, journaled, and re-checks every live connection on a phase change', async () => {
		const { id } = await createInitiative(maria, 'Faser');
		await join(maria, id, ahmed, 'team');
		events.length = 0;
		const res = await maria.client.patch(`/api/v1/initiatives/${id}`, { title: 'Faser och steg', phase: 'needs', estimatedValueSek: null });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ title: 'Faser och steg', phase: 'needs', estimatedValueSek: null });
		expect(events).toContainEqual({ initiativeId: id, reason: 'initiative.phase_changed' });

		expect((await ahmed.client.patch(`/api/v1/initiatives/${id}`, { phase: 'sprint' })).status).toBe(403);
		expect((await maria.client.patch(`/api/v1/initiatives/${id}`, { phase: 'done' })).status).toBe(400);
	});

	it('adds a neighbouring municipality as co-owner by organisation number once it accepts, but never a supplier', async () => {
		const { id } = await createInitiative(maria, 'Tillsammans med grannen');
		const added = await maria.client.post(`/api/v1/initiatives/${id}/organisations`, { orgNumber: neighbour.organisation.orgNumber.replace('-', '') });
		expect(added.status).toBe(201);
		const invitation = await added.json();
		expect(invitation.status).toBe('pending');
		expect((await neighbour.client.post(`/api/v1/organisation/co-owner-invitations/${invitation.id}/accept`)).status).toBe(200);
		const detail = await (await maria.client.get(`/api/v1/initiatives/${id}`)).json();
		expect(detail.organisations.map((o: { id: string }) => o.id).sort()).toEqual([maria.organisation.id, neighbour.organisation.id].sort());

		const twice = await maria.client.post(`/api/v1/initiatives/${id}/organisations`, { orgNumber: neighbour.organisation.orgNumber });
		expect(twice.status).toBe(409);
		const notBuyer = await maria.client.post(`/api/v1/initiatives/${id}/organisations`, { orgNumber: supplier.organisation.orgNumber });
		expect((await notBuyer.json()).error.code).toBe('not_a_buyer');
		const invalid = await maria.client.post(`/api/v1/initiatives/${id}/organisations`, { orgNumber: '123456-7890' });
		expect((await invalid.json()).error.code).toBe('invalid_org_number');
	});
});

describe('journal', () => {
	let initiativeId: string;
	beforeAll(async () => {
		initiativeId = (await createInitiative(maria, 'Journalförd')).id;
		await join(maria, initiativeId, ahmed, 'team');
		await maria.client.patch(`/api/v1/initiatives/${initiativeId}`, { phase: 'needs' });
		await maria.client.patch(`/api/v1/initiatives/${initiativeId}/members/${ahmed.id}`, { role: 'observer' });
	});

	it('records every step, verifies the chain and exports CSV, for process leaders only', async () => {
		const res = await maria.client.get(`/api/v1/initiatives/${initiativeId}/audit`);
		expect(res.status).toBe(200);
		const { entries } = await res.json();
		expect(entries.map((e: { action: string }) => e.action)).toEqual([
			'initiative.created',
			'invitation.created',
			'invitation.accepted',
			'initiative.phase_changed',
			'member.role_changed'
		]);
		expect(entries[0].actor).toEqual({ userId: maria.id, label: 'Maria Lind' });
		expect(entries[1].data).toMatchObject({ email: ahmed.email, role: 'team' });
		expect(JSON.stringify(entries)).not.toMatch(/[a-z2-7]{32}/);

		const verify = await (await maria.client.get(`/api/v1/initiatives/${initiativeId}/audit/verify`)).json();
		expect(verify).toEqual({ ok: true, entries: 5 });

		const csv = await maria.client.get(`/api/v1/initiatives/${initiativeId}/audit?format=csv`);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		expect(csv.headers.get('content-disposition')).toContain('attachment');
		const text = await csv.text();
		expect(text.split('\r\n').filter(Boolean)).toHaveLength(6);
		expect(text).toContain('member.role_changed');

		expect((await ahmed.client.get(`/api/v1/initiatives/${initiativeId}/audit`)).status).toBe(404);
		expect((await outsider.client.get(`/api/v1/initiatives/${initiativeId}/audit/verify`)).status).toBe(404);
		const page = await maria.client.get(`/initiatives/${initiativeId}/journal`);
		expect(page.status).toBe(200);
		expect((await ahmed.client.get(`/initiatives/${initiativeId}/journal`)).status).toBe(404);
	});

	it('refuses to update journal rows at the database level', async () => {
		await expect(server.app.db.execute(sql`update audit_log set action = 'tampered' where initiative_id = ${initiativeId}`)).rejects.toThrow();
		await expect(server.app.db.execute(sql`delete from audit_log where initiative_id = ${initiativeId}`)).rejects.toThrow();
	});

	it('reports the first broken link when a row with a wrong previous hash is slipped in', async () => {
		const forged = await server.app.db.execute(sql`
			insert into audit_log (initiative_id, actor_user_id, actor_label, action, data, at, prev_hash, hash)
			values (${initiativeId}, null, 'Mallory', 'member.removed', '{}'::jsonb, ${new Date().toISOString()}, ${'f'.repeat(64)}, ${'e'.repeat(64)})
			returning id`);
		const rows = (Array.isArray(forged) ? forged : (forged as unknown as { rows: Array<{ id: number }> }).rows) as Array<{ id: number | string }>;
		const forgedId = Number(rows[0].id);
		const verify = await (await maria.client.get(`/api/v1/initiatives/${initiativeId}/audit/verify`)).json();
		expect(verify).toMatchObject({ ok: false, brokenAt: forgedId });
	});
});

describe('contributors', () => {
	it('lists who wrote in a document from the server ledger, to the buyer team only', async () => {
		const { id, docs } = await createInitiative(maria, 'Bidrag');
		await join(maria, id, ahmed, 'team');
		await join(maria, id, eva, 'observer');
		await server.app.db.insert(docLedger).values([
			{ docName: docs.brief, userId: maria.id, organisationId: maria.organisation.id, bytes: 10 },
			{ docName: docs.brief, userId: maria.id, organisationId: maria.organisation.id, bytes: 12 },
			{ docName: docs.brief, userId: ahmed.id, organisationId: ahmed.organisation.id, bytes: 5 },
			{ docName: docs.requirements, userId: ahmed.id, organisationId: ahmed.organisation.id, bytes: 5 }
		]);

		const res = await ahmed.client.get(`/api/v1/docs/${docs.brief}/contributors`);
		expect(res.status).toBe(200);
		const list = await res.json();
		expect(list).toHaveLength(2);
		expect(list[0]).toMatchObject({
			user: { id: maria.id, name: 'Maria Lind' },
			organisation: { id: maria.organisation.id, name: maria.organisation.name, kind: 'buyer' },
			updates: 2
		});
		expect(new Date(list[0].firstAt).getTime()).toBeLessThanOrEqual(new Date(list[0].lastAt).getTime());
		expect(list[1]).toMatchObject({ user: { id: ahmed.id }, updates: 1 });

		expect((await eva.client.get(`/api/v1/docs/${docs.brief}/contributors`)).status).toBe(404);
		expect((await outsider.client.get(`/api/v1/docs/${docs.brief}/contributors`)).status).toBe(404);
		expect((await maria.client.get(`/api/v1/docs/brief.${crypto.randomUUID()}/contributors`)).status).toBe(404);
		expect((await maria.client.get('/api/v1/docs/secret.stuff/contributors')).status).toBe(404);
		expect((await new Client(server.url).get(`/api/v1/docs/${docs.brief}/contributors`)).status).toBe(401);
	});
});

describe('form actions', () => {
	const form = (who: Person, path: string, fields: Record<string, string>) =>
		who.client.request('POST', path, new URLSearchParams(fields).toString(), {
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		});

	it('creates an initiative from the form, keeping the input and explaining what to fix when invalid', async () => {
		const invalid = await form(maria, '/initiatives?/create', { title: ' ', description: 'Behåll mig', estimatedValueSek: 'mycket' });
		const failure = await invalid.json();
		expect(failure).toMatchObject({ type: 'failure', status: 400 });
		expect(failure.data).toContain('Behåll mig');
		expect(failure.data).toContain('title_required');
		expect(failure.data).toContain('value_invalid');

		const ok = await (await form(maria, '/initiatives?/create', { title: 'Från formuläret', description: '', estimatedValueSek: '1 200 000 kr' })).json();
		expect(ok.type).toBe('redirect');
		const id = ok.location.split('/').pop();
		const detail = await (await maria.client.get(`/api/v1/initiatives/${id}`)).json();
		expect(detail).toMatchObject({ title: 'Från formuläret', estimatedValueSek: 1_200_000 });

		const bySupplier = await (await form(supplier, '/initiatives?/create', { title: 'Nej' })).json();
		expect(bySupplier).toMatchObject({ type: 'failure', status: 403 });
	});

	it('asks the process leader to confirm before inviting a supplier user, then invites', async () => {
		const { id } = await createInitiative(maria, 'Varning för leverantör');
		const first = await (await form(maria, `/initiatives/${id}/members?/invite`, { email: supplier.email, role: 'team', label: 'expert' })).json();
		expect(first).toMatchObject({ type: 'failure', status: 400 });
		expect(first.data).toContain(supplier.organisation.name);
		expect((await (await maria.client.get(`/api/v1/initiatives/${id}/invitations`)).json())).toHaveLength(0);

		const confirmed = await (await form(maria, `/initiatives/${id}/members?/invite`, { email: supplier.email, role: 'team', label: 'expert', confirmSupplier: 'yes' })).json();
		expect(confirmed.type).toBe('success');
		expect(confirmed.data).toContain('/invitations/');
		expect(await (await maria.client.get(`/api/v1/initiatives/${id}/invitations`)).json()).toHaveLength(1);

		const byTeam = await form(ahmed, `/initiatives/${id}/members?/invite`, { email: 'x@example.se', role: 'team' });
		expect(byTeam.status).toBe(404);
	});

	it('lets the invite dialog look up, for process leaders only, whether an address belongs to a supplier', async () => {
		const { id } = await createInitiative(maria, 'Uppslag');
		await join(maria, id, ahmed, 'team');
		const lookup = (who: Person, email: string) => who.client.get(`/initiatives/${id}/members/account?email=${encodeURIComponent(email)}`);
		expect(await (await lookup(maria, supplier.email.toUpperCase())).json()).toEqual({ supplierOrganisation: supplier.organisation.name });
		expect(await (await lookup(maria, eva.email)).json()).toEqual({ supplierOrganisation: null });
		expect(await (await lookup(maria, 'inte-en-adress')).json()).toEqual({ supplierOrganisation: null });
		expect((await lookup(ahmed, supplier.email)).status).toBe(403);
		expect((await lookup(outsider, supplier.email)).status).toBe(404);
	});
});

describe('OpenAPI', () => {
	it('describes every path of the contract as OpenAPI 3.1, with request schemas from the validators', async () => {
		const res = await new Client(server.url).get('/api/v1/openapi.json');
		expect(res.status).toBe(200);
		const doc = await res.json();
		expect(doc.openapi).toBe('3.1.0');
		for (const path of [
			'/api/v1/auth/signup',
			'/api/v1/auth/login',
			'/api/v1/auth/logout',
			'/api/v1/me',
			'/api/v1/organisation/invitations',
			'/api/v1/initiatives',
			'/api/v1/initiatives/{id}',
			'/api/v1/initiatives/{id}/invitations',
			'/api/v1/invitations/{token}/accept',
			'/api/v1/initiatives/{id}/members/{userId}',
			'/api/v1/initiatives/{id}/audit',
			'/api/v1/initiatives/{id}/audit/verify',
			'/api/v1/docs/{docName}/contributors',
			'/api/v1/admin/outbox',
			'/healthz',
			'/yjs/{docName}'
		]) {
			expect(doc.paths, path).toHaveProperty([path]);
		}
		const create = doc.paths['/api/v1/initiatives'].post.requestBody.content['application/json'].schema;
		expect(create.required).toEqual(['title']);
		expect(create.properties.title).toMatchObject({ type: 'string', maxLength: 200 });
		expect(doc.paths['/api/v1/initiatives/{id}/members/{userId}'].patch.responses).toHaveProperty('409');
	});
});
