/**
 * Requirement change proposals through the real server (issue 15): a finding in a sprint room's log
 * opens a proposal in the same step; the buyer team decides it with a reason; suppliers see only
 * the proposals of their own room (rule 3); observers never one from a confidential room; a supplier
 * that is the source of a proposal is flagged — not barred — in the conflicts register with the
 * proposal as evidence; accepting leaves the requirements draft to its authors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { ManualClock } from '../../src/lib/server/clock.ts';
import { auditLog, notifications } from '../../src/lib/server/db/schema/index.ts';
import { addRequirement } from '../../src/lib/shapes/requirements.ts';

const clock = new ManualClock('2027-04-01T08:00:00Z');
let server: TestServer;
let leader: TestUser;
let team: TestUser;
let observer: TestUser;
let outsider: TestUser;
let a1: TestUser;
let b1: TestUser;
let d1: TestUser;
let expert: TestUser;
let initiativeId: string;
let needId: string;
let sprintId: string;
const rooms = { A: '', B: '' };
const orgs: Record<'A' | 'B' | 'D' | 'E', string> = { A: '', B: '', D: '', E: '' };
const proposals = { A: '', B: '', buyerInA: '', manual: '' };
const findings = { A: '', B: '', decision: '' };

interface ProposalJson {
	id: string;
	requirementUid: string | null;
	requirementKey: string | null;
	text: string;
	status: string;
	source: { kind: string; sprintId?: string; roomId?: string; findingId?: string };
	author: { id: string; name: string };
	createdAt: string;
	decidedAt?: string;
	reason?: string;
}

function as(user: TestUser | null): Client {
	const c = new Client(server.url);
	if (user) {
		const [name, value] = user.cookie.split('=');
		c.setCookie(name, value);
	}
	return c;
}

async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
	const text = await res.text();
	expect(res.status, text).toBe(status);
	return JSON.parse(text) as T;
}

async function code(res: Response, status: number): Promise<string> {
	return (await json<{ error: { code: string } }>(res, status)).error.code;
}

const list = (user: TestUser | null, query = '') => as(user).get(`/api/v1/initiatives/${initiativeId}/requirement-proposals${query}`);
const ids = async (user: TestUser) => (await json<{ proposals: ProposalJson[] }>(await list(user), 200)).proposals.map((p) => p.id).sort();
const decide = (user: TestUser | null, id: string, body: unknown) => as(user).post(`/api/v1/requirement-proposals/${id}/decision`, body);

beforeAll(async () => {
	server = await startTestServer({}, { clock });
	const app = server.app;
	const buyer = await makeOrganisation(app, 'buyer', 'Trelleborgs kommun');
	leader = await makeUser(app, { organisationId: buyer.id, name: 'Lisa Ledare' });
	team = await makeUser(app, { organisationId: buyer.id, name: 'Tim Team' });
	observer = await makeUser(app, { organisationId: buyer.id, name: 'Oskar Observatör' });
	outsider = await makeUser(app, { organisationId: buyer.id, name: 'Ute Utanför' });
	for (const [key, name] of [
		['A', 'Alfalarm AB'],
		['B', 'Betasensor AB'],
		['D', 'Deltavård AB'],
		['E', 'Epsilonexpert AB']
	] as const) {
		orgs[key] = (await makeOrganisation(app, 'supplier', name)).id;
	}
	a1 = await makeUser(app, { organisationId: orgs.A, name: 'Alva Alfa' });
	b1 = await makeUser(app, { organisationId: orgs.B, name: 'Bo Beta' });
	d1 = await makeUser(app, { organisationId: orgs.D, name: 'Dina Delta' });
	expert = await makeUser(app, { organisationId: orgs.E, name: 'Erik Expert' });
	initiativeId = (await makeInitiative(app, leader, 'Trygg natt')).id;
	await addMember(app, initiativeId, team.id, 'team');
	await addMember(app, initiativeId, observer.id, 'observer');
	await addMember(app, initiativeId, expert.id, 'team');
	needId = (await json<{ id: string }>(await as(leader).post(`/api/v1/initiatives/${initiativeId}/needs`, { title: 'Färre fall nattetid' }), 201)).id;
	await app.liveDocs!.change(`requirements.${initiativeId}`, { userId: leader.id, organisationId: leader.organisationId }, (doc) => {
		addRequirement(doc, { uid: 'u-alarm', kind: 'function', obligation: 'ska', text: 'Larmet ska nå personal inom 5 minuter' });
		addRequirement(doc, { uid: 'u-mobile', kind: 'usability', obligation: 'bor', text: 'Fungerar i mobilen' });
	});
	await json(await as(leader).post(`/api/v1/initiatives/${initiativeId}/requirements/versions`, { note: 'Till sprinten' }), 201);
	sprintId = (
		await json<{ id: string }>(
			await as(leader).post(`/api/v1/initiatives/${initiativeId}/sprints`, { title: 'Nattsprint', template: 'design_sprint_4', goal: 'Tryggare nätter', questions: [], needIds: [needId], requirementsVersion: 1 }),
			201
		)
	).id;
	for (const key of ['A', 'B'] as const) {
		rooms[key] = (await json<{ roomId: string }>(await as(leader).post(`/api/v1/sprints/${sprintId}/rooms`, { organisationId: orgs[key] }), 201)).roomId;
	}
	// Room B's content is open to observers; room A stays confidential (the default).
	await json(await as(leader).patch(`/api/v1/sprint-rooms/${rooms.B}`, { confidential: false, members: [team.id] }), 200);
	await json(await as(a1).post(`/api/v1/sprint-rooms/${rooms.A}/terms`, { accept: true }), 200);
	await json(await as(b1).post(`/api/v1/sprint-rooms/${rooms.B}/terms`, { accept: true }), 200);
});

afterAll(async () => {
	await server?.stop();
});

describe('a finding opens a proposal', () => {
	it('creates the proposal with the finding in one step, naming the requirement by its key from the sprint’s version', async () => {
		clock.advance(60_000);
		const created = await json<{ id: string; proposalId: string }>(
			await as(a1).post(`/api/v1/sprint-rooms/${rooms.A}/log`, {
				stage: 'map',
				kind: 'finding',
				text: 'Personalen hinner inte fram på fem minuter nattetid.',
				needIds: [needId],
				proposal: { requirementUid: 'K1', text: 'Larmet bör nå personal inom 2 minuter nattetid.' }
			}),
			201
		);
		findings.A = created.id;
		proposals.A = created.proposalId;
		const seen = (await json<{ proposals: ProposalJson[] }>(await list(leader), 200)).proposals;
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({
			id: proposals.A,
			requirementUid: 'u-alarm',
			requirementKey: 'K1',
			text: 'Larmet bör nå personal inom 2 minuter nattetid.',
			status: 'open',
			source: { kind: 'sprint_finding', sprintId, roomId: rooms.A, findingId: findings.A },
			author: { id: a1.id, name: 'Alva Alfa' }
		});
		expect(seen[0].decidedAt).toBeUndefined();
		const [entry] = await server.app.db.select().from(auditLog).where(eq(auditLog.action, 'requirements.proposal_created'));
		expect(entry.data).toMatchObject({ proposalId: proposals.A, requirementKey: 'K1', source: 'sprint_finding', findingId: findings.A });
		const told = await server.app.db.select().from(notifications).where(eq(notifications.kind, 'requirements.proposal_created'));
		expect(told.map((n) => n.userId).sort()).toEqual([leader.id, team.id].sort());
	});

	it('shows the proposal and its status with the finding in the room’s sprint log', async () => {
		const log = await json<{ blocks: unknown[] }>(await as(a1).get(`/api/v1/sprint-rooms/${rooms.A}/log`), 200);
		expect(JSON.stringify(log.blocks)).toContain('Förslag till kravändring (krav K1, öppet)');
		const room = await json<{ logEntries: Array<{ id: string; proposal: { id: string; status: string } | null }> }>(await as(a1).get(`/api/v1/sprint-rooms/${rooms.A}`), 200);
		expect(room.logEntries.find((e) => e.id === findings.A)?.proposal).toMatchObject({ id: proposals.A, status: 'open' });
	});

	it('refuses a proposal on a decision, and a requirement the caller cannot find, writing nothing', async () => {
		const onDecision = await as(a1).post(`/api/v1/sprint-rooms/${rooms.A}/log`, { stage: 'map', kind: 'decision', text: 'Vi väljer natten.', proposal: { text: 'X' } });
		expect(await code(onDecision, 400)).toBe('not_a_finding');
		const unknown = await as(a1).post(`/api/v1/sprint-rooms/${rooms.A}/log`, { stage: 'map', kind: 'finding', text: 'Lärdom', proposal: { requirementUid: 'K99', text: 'X' } });
		expect(await code(unknown, 400)).toBe('unknown_requirement');
		expect(await ids(leader)).toEqual([proposals.A]);
	});

	it('opens a proposal from a finding already in the log, once, for whoever writes in that room', async () => {
		findings.B = (await json<{ id: string }>(await as(b1).post(`/api/v1/sprint-rooms/${rooms.B}/log`, { stage: 'map', kind: 'finding', text: 'Sensorn missar fall i badrummet.' }), 201)).id;
		findings.decision = (await json<{ id: string }>(await as(b1).post(`/api/v1/sprint-rooms/${rooms.B}/log`, { stage: 'map', kind: 'decision', text: 'Vi testar i badrum.' }), 201)).id;
		const path = `/api/v1/initiatives/${initiativeId}/requirement-proposals`;
		// Another supplier may not know the finding exists; an observer reads room B but does not write in it.
		expect((await as(a1).post(path, { text: 'Intrång', findingId: findings.B })).status).toBe(404);
		expect((await as(observer).post(path, { text: 'Betraktat', findingId: findings.B })).status).toBe(403);
		expect(await code(await as(b1).post(path, { text: 'Beslut', findingId: findings.decision }), 400)).toBe('not_a_finding');
		proposals.B = (await json<{ id: string }>(await as(b1).post(path, { text: 'Ett nytt krav: fall i våtrum ska upptäckas.', findingId: findings.B }), 201)).id;
		expect(await code(await as(team).post(path, { text: 'Igen', findingId: findings.B }), 409)).toBe('finding_has_proposal');
		expect(await code(await as(b1).post(path, { text: 'X', findingId: 'inte-ett-id' }), 400)).toBe('invalid_request');
		const b = (await json<{ proposals: ProposalJson[] }>(await list(leader), 200)).proposals.find((p) => p.id === proposals.B)!;
		expect(b).toMatchObject({ requirementUid: null, requirementKey: null, source: { kind: 'sprint_finding', roomId: rooms.B, findingId: findings.B } });
	});

	it('lets the buyer team write a proposal of its own; suppliers (also an expert on the team) write none outside their room', async () => {
		const path = `/api/v1/initiatives/${initiativeId}/requirement-proposals`;
		proposals.manual = (await json<{ id: string }>(await as(team).post(path, { text: 'K2 bör bli ett ska-krav.', requirementUid: 'u-mobile' }), 201)).id;
		expect((await as(observer).post(path, { text: 'X' })).status).toBe(403);
		expect((await as(expert).post(path, { text: 'X' })).status).toBe(404);
		expect((await as(a1).post(path, { text: 'X' })).status).toBe(404);
		expect((await as(d1).post(path, { text: 'X' })).status).toBe(404);
		expect((await as(outsider).post(path, { text: 'X' })).status).toBe(404);
		expect((await as(null).post(path, { text: 'X' })).status).toBe(401);
		expect(await code(await as(team).post(path, { text: '' }), 400)).toBe('invalid_request');
	});
});

describe('who sees which proposal', () => {
	it('shows the buyer team every proposal and each supplier only its own room’s (rule 3)', async () => {
		expect(await ids(leader)).toEqual([proposals.A, proposals.B, proposals.manual].sort());
		expect(await ids(team)).toEqual([proposals.A, proposals.B, proposals.manual].sort());
		expect(await ids(a1)).toEqual([proposals.A]);
		expect(await ids(b1)).toEqual([proposals.B]);
		const seenByB = await (await list(b1)).text();
		expect(seenByB).not.toContain('Larmet bör nå personal');
		expect(seenByB).not.toContain(rooms.A);
	});

	it('gives a supplier expert on the team no other supplier’s proposal, and strangers a 404', async () => {
		expect(await ids(expert)).toEqual([]);
		expect((await list(d1)).status).toBe(404);
		expect((await list(outsider)).status).toBe(404);
		expect((await list(null)).status).toBe(401);
		expect(await code(await list(leader, '?status=maybe'), 400)).toBe('invalid_status');
	});

	it('never shows observers a proposal from a confidential room', async () => {
		expect(await ids(observer)).toEqual([proposals.B, proposals.manual].sort());
		expect((await decide(observer, proposals.A, { decision: 'accepted', reason: 'x' })).status).toBe(404);
		expect((await decide(observer, proposals.B, { decision: 'accepted', reason: 'x' })).status).toBe(403);
	});
});

describe('deciding', () => {
	it('requires a reason and a decision right: suppliers and observers never decide', async () => {
		expect(await code(await decide(leader, proposals.A, { decision: 'accepted' }), 400)).toBe('reason_required');
		expect(await code(await decide(leader, proposals.A, { decision: 'accepted', reason: '   ' }), 400)).toBe('reason_required');
		expect(await code(await decide(leader, proposals.A, { decision: 'perhaps', reason: 'x' }), 400)).toBe('invalid_request');
		expect((await decide(a1, proposals.A, { decision: 'accepted', reason: 'Eget' })).status).toBe(403);
		expect((await decide(b1, proposals.A, { decision: 'rejected', reason: 'Konkurrent' })).status).toBe(404);
		expect((await decide(expert, proposals.B, { decision: 'accepted', reason: 'x' })).status).toBe(404);
		expect((await decide(leader, 'inte-ett-id', { decision: 'accepted', reason: 'x' })).status).toBe(404);
		expect((await decide(null, proposals.A, { decision: 'accepted', reason: 'x' })).status).toBe(401);
	});

	it('accepts once with the reason, journalled and told to the author, and leaves the draft to its authors', async () => {
		clock.advance(60_000);
		expect(await json(await decide(leader, proposals.A, { decision: 'accepted', reason: 'Stämmer med nattpersonalens erfarenhet.' }), 200)).toEqual({ id: proposals.A, status: 'accepted' });
		expect(await code(await decide(team, proposals.A, { decision: 'rejected', reason: 'Nej' }), 409)).toBe('proposal_decided');
		const a = (await json<{ proposals: ProposalJson[] }>(await list(a1), 200)).proposals[0];
		expect(a).toMatchObject({ status: 'accepted', reason: 'Stämmer med nattpersonalens erfarenhet.', decidedAt: clock.now().toISOString() });
		const draft = await json<{ requirements: Array<{ uid: string; text: string }> }>(await as(leader).get(`/api/v1/initiatives/${initiativeId}/requirements`), 200);
		expect(draft.requirements.find((r) => r.uid === 'u-alarm')?.text).toBe('Larmet ska nå personal inom 5 minuter');
		const [entry] = await server.app.db.select().from(auditLog).where(eq(auditLog.action, 'requirements.proposal_accepted'));
		expect(entry.data).toMatchObject({ proposalId: proposals.A, reason: 'Stämmer med nattpersonalens erfarenhet.' });
		const told = await server.app.db
			.select()
			.from(notifications)
			.where(and(eq(notifications.kind, 'requirements.proposal_decided'), eq(notifications.userId, a1.id)));
		expect(told).toHaveLength(1);
		expect(told[0].link).toBe(`/sprints/${rooms.A}`);
		const log = await json<{ blocks: unknown[] }>(await as(a1).get(`/api/v1/sprint-rooms/${rooms.A}/log`), 200);
		expect(JSON.stringify(log.blocks)).toContain('Förslag till kravändring (krav K1, godtaget)');
	});

	it('lets a team member reject, and filters the list by status', async () => {
		await json(await decide(team, proposals.B, { decision: 'rejected', reason: 'Täcks redan av K1.' }), 200);
		const rejected = (await json<{ proposals: ProposalJson[] }>(await list(leader, '?status=rejected'), 200)).proposals;
		expect(rejected.map((p) => p.id)).toEqual([proposals.B]);
		const open = (await json<{ proposals: ProposalJson[] }>(await list(leader, '?status=open'), 200)).proposals;
		expect(open.map((p) => p.id)).toEqual([proposals.manual]);
	});

	it('lets only the author withdraw an open proposal', async () => {
		expect((await as(leader).post(`/api/v1/requirement-proposals/${proposals.manual}/withdraw`, {})).status).toBe(403);
		expect(await json(await as(team).post(`/api/v1/requirement-proposals/${proposals.manual}/withdraw`, { reason: 'Dubblett' }), 200)).toEqual({ id: proposals.manual, status: 'withdrawn' });
		expect(await code(await as(team).post(`/api/v1/requirement-proposals/${proposals.manual}/withdraw`, {}), 409)).toBe('proposal_decided');
		expect(await code(await as(a1).post(`/api/v1/requirement-proposals/${proposals.A}/withdraw`, {}), 409)).toBe('proposal_decided');
	});
});

describe('provenance in the conflicts register', () => {
	it('flags, never bars, each supplier that is the source of a proposal — also one a buyer wrote down from its room — with the proposal as evidence', async () => {
		clock.advance(60_000);
		const buyerFinding = await json<{ id: string; proposalId: string }>(
			await as(leader).post(`/api/v1/sprint-rooms/${rooms.A}/log`, { stage: 'map', kind: 'finding', text: 'Alfa visade larmkedjan.', proposal: { text: 'Ett krav på larmkedjan.' } }),
			201
		);
		proposals.buyerInA = buyerFinding.proposalId;
		type Entry = { organisation: { id: string }; level: string; users: Array<{ id: string }>; evidence: Array<{ source?: string; proposal?: { id: string; requirementKey: string | null } }> };
		const register = await json<Entry[]>(await as(leader).get(`/api/v1/initiatives/${initiativeId}/conflicts`), 200);
		const evidenceOf = (org: string) => register.find((e) => e.organisation.id === org);
		const a = evidenceOf(orgs.A)!;
		expect(a.level).toBe('flagged');
		expect(a.evidence.filter((e) => e.source === 'requirement_proposal').map((e) => e.proposal).sort((x, y) => x!.id.localeCompare(y!.id))).toEqual(
			[
				{ id: proposals.A, requirementKey: 'K1' },
				{ id: proposals.buyerInA, requirementKey: null }
			].sort((x, y) => x.id.localeCompare(y.id))
		);
		const b = evidenceOf(orgs.B)!;
		expect(b.level).toBe('flagged');
		expect(b.evidence.some((e) => e.source === 'requirement_proposal' && e.proposal?.id === proposals.B)).toBe(true);
		expect(register.some((e) => e.level === 'barred' && (e.organisation.id === orgs.A || e.organisation.id === orgs.B))).toBe(false);
		// No buyer organisation is in the register, also not for the proposal the leader wrote down.
		expect(register.every((e) => e.users.every((u) => u.id !== leader.id))).toBe(true);
		const flagged = await server.app.db.select().from(auditLog).where(eq(auditLog.action, 'conflict.flagged'));
		const forA = flagged.find((f) => (f.data as { organisationId: string }).organisationId === orgs.A)!;
		expect((forA.data as { evidence: string[] }).evidence).toContain('requirement_proposal');
		expect((forA.data as { proposals?: string[] }).proposals).toContain(proposals.A);
	});
});
