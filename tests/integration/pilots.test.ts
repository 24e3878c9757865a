/**
 * Pilots through the real server. Two parallel pilots in one initiative, bought by direct award:
 * the second one's value is aggregated with the first by the advisor (which warns of splitting),
 * and the scale-up with the pilot. Supplier A and C run the first pilot, B the second: no supplier
 * reaches another's pilot, and C never sees A's unconfirmed values. A changed value keeps both
 * figures in the journal; the CSV import keeps the good rows and reports the bad ones; the
 * go/no-go is refused to everyone but the named decision maker, and refused without baselines
 * unless a reason is given. The migration's backfill turns Swedish number text into numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { addMember, makeInitiative, makeOrganisation, makeUser, type TestUser } from '../factories/collab.ts';
import { ManualClock } from '../../src/lib/server/clock.ts';
import { liveClient, until, type LiveClient } from '../helpers/live.ts';
import { sectionText } from '../../src/lib/shapes/pilot.ts';
import { auditLog, initiativeOrganisations, initiatives, needs, notifications, pilotValues } from '../../src/lib/server/db/schema/index.ts';

const clock = new ManualClock('2027-04-01T09:00:00Z');

let server: TestServer;
let leader: TestUser;
let team: TestUser;
let observer: TestUser;
let politician: TestUser;
let outsider: TestUser;
let a1: TestUser;
let b1: TestUser;
let c1: TestUser;
let orgs: Record<'a' | 'b' | 'c', string>;
let initiativeId: string;
let needId: string;
let pilot1: string;
let pilot2: string;
let points: Array<{ id: string; name: string }>;

function as(user: TestUser | null): Client {
	const c = new Client(server.url);
	if (user) {
		const [name, value] = user.cookie.split('=');
		c.setCookie(name, value);
	}
	return c;
}
const get = (user: TestUser | null, path: string) => as(user).request('GET', path);
const post = (user: TestUser, path: string, body: unknown, headers?: Record<string, string>) => as(user).request('POST', path, body, headers);
const put = (user: TestUser, path: string, body: unknown) => as(user).request('PUT', path, body);

const pilotBody = (over: Record<string, unknown> = {}) => ({
	title: 'Fallsensorer i hemtjänsten',
	organisationIds: [orgs.a, orgs.c],
	kind: 'parallel',
	valueSek: 250_000,
	needIds: [needId],
	...over
});

async function journal(action: string) {
	return server.app.db.select().from(auditLog).where(and(eq(auditLog.initiativeId, initiativeId), eq(auditLog.action, action)));
}

beforeAll(async () => {
	server = await startTestServer({ JOBS_INTERVAL_SECONDS: '3600' }, { clock });
	const app = server.app;
	const buyer = await makeOrganisation(app, 'buyer', 'Sjöstads kommun');
	leader = await makeUser(app, { organisationId: buyer.id, name: 'Maria Lind' });
	team = await makeUser(app, { organisationId: buyer.id, name: 'Olle Team' });
	observer = await makeUser(app, { organisationId: buyer.id, name: 'Åsa Observatör' });
	politician = await makeUser(app, { organisationId: buyer.id, name: 'Per Politiker' });
	outsider = await makeUser(app, { organisationId: buyer.id, name: 'Nils Utanför' });
	const initiative = await makeInitiative(app, leader);
	initiativeId = initiative.id;
	await app.db.update(initiatives).set({ purchaseKind: 'services', estimatedValueSek: 2_000_000 }).where(eq(initiatives.id, initiativeId));
	await app.db.insert(initiativeOrganisations).values({ initiativeId, organisationId: buyer.id });
	await addMember(app, initiativeId, team.id, 'team');
	await addMember(app, initiativeId, observer.id, 'observer');
	await addMember(app, initiativeId, politician.id, 'observer');
	const a = await makeOrganisation(app, 'supplier', 'Alfasensor AB');
	const b = await makeOrganisation(app, 'supplier', 'Betavård AB');
	const c = await makeOrganisation(app, 'supplier', 'Gammateknik AB');
	orgs = { a: a.id, b: b.id, c: c.id };
	a1 = await makeUser(app, { organisationId: a.id, name: 'Anna Alfa' });
	b1 = await makeUser(app, { organisationId: b.id, name: 'Bengt Beta' });
	c1 = await makeUser(app, { organisationId: c.id, name: 'Cecilia Gamma' });
	const [need] = await app.db.insert(needs).values({ initiativeId, title: 'Färre fallolyckor', createdBy: leader.id }).returning();
	needId = need.id;
});
afterAll(async () => {
	await server?.stop();
});

describe('creating a pilot with the advisor', () => {
	it('requires the reason for a direct award above 100 000 SEK', async () => {
		const res = await post(leader, `/api/v1/initiatives/${initiativeId}/pilots`, pilotBody());
		expect(res.status).toBe(400);
		expect((await res.json()).error.code).toBe('reason_required');
	});

	it('creates the pilot for the process leader only, with the advisor’s aggregation', async () => {
		expect((await post(team, `/api/v1/initiatives/${initiativeId}/pilots`, pilotBody({ directAwardReason: 'Liten pilot' }))).status).toBe(403);
		expect((await post(outsider, `/api/v1/initiatives/${initiativeId}/pilots`, pilotBody({ directAwardReason: 'Liten pilot' }))).status).toBe(404);
		const res = await post(leader, `/api/v1/initiatives/${initiativeId}/pilots`, pilotBody({ directAwardReason: 'Liten pilot för att pröva tekniken', decisionMakers: [politician.id] }));
		expect(res.status).toBe(201);
		const body = await res.json();
		pilot1 = body.id;
		expect(body.advice.totalSek).toBe(250_000);
		expect(body.advice.warnings).toEqual([]);
	});

	it('counts the first pilot by direct award in the second one’s aggregation, and warns of splitting', async () => {
		const res = await post(leader, `/api/v1/initiatives/${initiativeId}/pilots`, pilotBody({ title: 'Rörelselarm', organisationIds: [orgs.b], valueSek: 480_000, directAwardReason: 'Parallell lösning' }));
		expect(res.status).toBe(201);
		const body = await res.json();
		pilot2 = body.id;
		expect(body.advice.sameKindSek).toBe(250_000);
		expect(body.advice.totalSek).toBe(730_000);
		expect(body.advice.warnings.map((w: { code: string }) => w.code)).toContain('splitting_forbidden');
		const [entry] = await journal('pilot.created');
		expect(entry).toBeTruthy();
	});

	it('refuses decision makers who are not buyer-side members, and suppliers that are not registered suppliers', async () => {
		const bad = await post(leader, `/api/v1/initiatives/${initiativeId}/pilots`, pilotBody({ route: 'tender', decisionMakers: [a1.id] }));
		expect((await bad.json()).error.code).toBe('invalid_decision_makers');
		const notSupplier = await post(leader, `/api/v1/initiatives/${initiativeId}/pilots`, pilotBody({ route: 'tender', organisationIds: [leader.organisationId] }));
		expect((await notSupplier.json()).error.code).toBe('unknown_organisation');
	});
});

describe('the plan and its checklist', () => {
	it('lists every empty checklist part, and fewer once the structured parts are filled', async () => {
		const before = await (await get(leader, `/api/v1/pilots/${pilot1}`)).json();
		expect(before.missingSections).toEqual(['goal', 'roles', 'collaboration', 'timeline', 'measurement', 'documentation', 'risks', 'communication', 'economics', 'ownership', 'contract']);
		const res = await put(team, `/api/v1/pilots/${pilot1}/plan`, {
			startDate: '2027-04-01',
			endDate: '2027-10-31',
			activities: [{ title: 'Installation', start: '2027-04-01', end: '2027-04-15', owner: 'Olle', status: 'done' }],
			risks: [{ risk: 'Personalen hinner inte', likelihood: 3, impact: 4, mitigation: 'Utbildning', owner: 'Maria' }]
		});
		expect(res.status).toBe(200);
		expect((await put(team, `/api/v1/pilots/${pilot1}/plan`, { risks: [{ risk: 'x', likelihood: 6, impact: 1 }] })).status).toBe(400);
		const after = await (await get(leader, `/api/v1/pilots/${pilot1}`)).json();
		expect(after.missingSections).not.toContain('timeline');
		expect(after.missingSections).not.toContain('risks');
		expect((await journal('pilot.plan_updated')).length).toBe(1);
	});
});

describe('the live plan document', () => {
	const open: LiveClient[] = [];
	afterAll(() => open.forEach((c) => c.destroy()));
	const live = (user: TestUser) => {
		const c = liveClient(server.url, `pilot.${pilot1}`, { cookie: user.cookie });
		open.push(c);
		return c;
	};

	it('lets the team write a section that the pilot’s supplier reads, and shows it in the plan', async () => {
		const t = live(team);
		const a = live(a1);
		await Promise.all([t.synced, a.synced]);
		sectionText(t.doc, 'goal').insert(0, 'Färre fallolyckor i hemtjänsten');
		await until(() => a.doc.getMap('sections').get('goal')?.toString() === 'Färre fallolyckor i hemtjänsten', 5000, 'supplier receives');
		// The supplier reads; what it types is not taken.
		sectionText(a.doc, 'roles').insert(0, 'LEVERANTÖRENS TEXT');
		await new Promise((r) => setTimeout(r, 300));
		const plan = await (await get(leader, `/api/v1/pilots/${pilot1}`)).json();
		expect(plan.sections.goal).toBe('Färre fallolyckor i hemtjänsten');
		expect(plan.sections.roles).toBe('');
		expect(plan.missingSections).not.toContain('goal');
	});

	it('never opens the plan to a supplier that does not run the pilot', async () => {
		const b = live(b1);
		await until(() => b.closes.length > 0, 5000, 'refused');
		expect(b.provider.synced).toBe(false);
	});
});

describe('measurement', () => {
	it('saves measurement points for the team, not for observers or suppliers', async () => {
		const body = {
			points: [
				{ needId, name: 'Fallolyckor per månad', unit: 'antal', direction: 'down', baseline: { value: 14, date: '2027-01-31', source: 'Avvikelserapporter' }, target: 8, supplierReports: true },
				{ name: 'Nöjd personal', unit: '%', direction: 'up', target: 80 }
			]
		};
		expect((await put(observer, `/api/v1/pilots/${pilot1}/measurement-points`, body)).status).toBe(403);
		expect((await put(a1, `/api/v1/pilots/${pilot1}/measurement-points`, body)).status).toBe(403);
		const res = await put(team, `/api/v1/pilots/${pilot1}/measurement-points`, body);
		expect(res.status).toBe(200);
		points = (await res.json()).points;
		expect(points.map((p) => p.name)).toEqual(['Fallolyckor per månad', 'Nöjd personal']);
		await put(team, `/api/v1/pilots/${pilot2}/measurement-points`, { points: [{ needId, name: 'Fallolyckor per månad', unit: 'antal', direction: 'down', baseline: { value: 12, date: '2027-01-31', source: '' }, target: 8 }] });
	});

	it('keeps supplier-reported values marked until the team confirms them, and hides them from the other supplier', async () => {
		const res = await post(a1, `/api/v1/pilots/${pilot1}/values`, {
			values: [
				{ pointId: points[0].id, date: '2027-04-30', value: 12, note: 'april' },
				{ pointId: points[1].id, date: '2027-04-30', value: 70 }
			]
		});
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body.accepted).toBe(1);
		expect(body.rejected).toEqual([{ row: 2, error: expect.stringMatching(/rapporteras av teamet/) }]);

		const teamView = await (await get(team, `/api/v1/pilots/${pilot1}/indicators`)).json();
		expect(teamView[0].series).toEqual([expect.objectContaining({ date: '2027-04-30', value: 12, confirmed: false, supplierReported: true })]);
		expect(teamView[0].status).toBe('no_data');
		const aView = await (await get(a1, `/api/v1/pilots/${pilot1}/indicators`)).json();
		expect(aView[0].series).toHaveLength(1);
		const cView = await (await get(c1, `/api/v1/pilots/${pilot1}/indicators`)).json();
		expect(cView[0].series).toEqual([]);

		expect((await post(a1, `/api/v1/pilots/${pilot1}/values/confirm`, { valueIds: [teamView[0].series[0].id] })).status).toBe(403);
		const confirmed = await post(team, `/api/v1/pilots/${pilot1}/values/confirm`, { valueIds: [teamView[0].series[0].id] });
		expect(await confirmed.json()).toEqual({ confirmed: 1 });
		const cAfter = await (await get(c1, `/api/v1/pilots/${pilot1}/indicators`)).json();
		expect(cAfter[0].series).toEqual([expect.objectContaining({ value: 12, confirmed: true })]);
		expect(cAfter[0].status).toBe('not_met');
	});

	it('never lets a supplier reach another supplier’s pilot', async () => {
		for (const path of [`/api/v1/pilots/${pilot2}`, `/api/v1/pilots/${pilot2}/indicators`]) {
			expect((await get(a1, path)).status).toBe(404);
			expect((await get(c1, path)).status).toBe(404);
		}
		expect((await get(b1, `/api/v1/pilots/${pilot1}`)).status).toBe(404);
		expect((await post(b1, `/api/v1/pilots/${pilot1}/values`, { values: [{ pointId: points[0].id, date: '2027-05-31', value: 1 }] })).status).toBe(404);
		expect((await get(a1, `/api/v1/initiatives/${initiativeId}/pilots`)).status).toBe(404);
		expect((await get(outsider, `/api/v1/pilots/${pilot1}`)).status).toBe(404);
		expect((await get(null, `/api/v1/pilots/${pilot1}`)).status).toBe(401);
		const own = await (await get(a1, `/api/v1/pilots/${pilot1}`)).json();
		expect(own.organisations).toEqual([{ id: orgs.a, name: 'Alfasensor AB' }]);
		expect(own.advice).toBeUndefined();
		expect(JSON.stringify(own)).not.toContain('Gammateknik');
	});

	it('journals a changed value with the old and the new figure', async () => {
		expect((await post(team, `/api/v1/pilots/${pilot1}/values`, { values: [{ pointId: points[1].id, date: '2027-04-30', value: 60 }] })).status).toBe(201);
		const res = await post(team, `/api/v1/pilots/${pilot1}/values`, { values: [{ pointId: points[1].id, date: '2027-04-30', value: 65, note: 'rättad' }] });
		expect((await res.json()).accepted).toBe(1);
		const [changed] = await journal('pilot.value_changed');
		expect(changed.data).toMatchObject({ pointId: points[1].id, date: '2027-04-30', from: 60, to: 65 });
		// A supplier cannot overwrite a value the team recorded.
		await post(team, `/api/v1/pilots/${pilot1}/values`, { values: [{ pointId: points[0].id, date: '2027-03-31', value: 13 }] });
		const a = await post(a1, `/api/v1/pilots/${pilot1}/values`, { values: [{ pointId: points[0].id, date: '2027-03-31', value: 99 }] });
		expect(await a.json()).toEqual({ accepted: 0, rejected: [{ row: 1, error: expect.stringMatching(/finns redan/) }] });
	});

	it('imports CSV: good rows are kept, each bad row is reported with its line', async () => {
		const csv = ['point,date,value,note', 'Fallolyckor per månad,2027-05-31,"10,5",maj', 'Nöjd personal,2027-05-31,72,', 'Okänd punkt,2027-05-31,1,', 'Nöjd personal,2027-13-01,5,', 'Nöjd personal,2027-06-30,mycket,'].join('\n');
		const res = await post(team, `/api/v1/pilots/${pilot1}/values`, csv, { 'content-type': 'text/csv' });
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body.accepted).toBe(2);
		expect(body.rejected.map((r: { row: number }) => r.row)).toEqual([4, 5, 6]);
		const rows = await server.app.db.select().from(pilotValues).where(and(eq(pilotValues.pilotId, pilot1), eq(pilotValues.date, '2027-05-31')));
		expect(rows.map((r) => r.value).sort()).toEqual([10.5, 72]);
		const bad = await post(team, `/api/v1/pilots/${pilot1}/values`, 'datum,värde\n', { 'content-type': 'text/csv' });
		expect((await bad.json()).error.code).toBe('invalid_csv');
		const indicators = await (await get(team, `/api/v1/pilots/${pilot1}/indicators`)).json();
		expect(indicators.map((i: { status: string }) => i.status)).toEqual(['not_met', 'not_met']);
	});

	it('refuses to drop a point that has values', async () => {
		const res = await put(team, `/api/v1/pilots/${pilot1}/measurement-points`, { points: [{ id: points[0].id, name: 'Fallolyckor per månad', unit: 'antal', direction: 'down', target: 8 }] });
		expect(res.status).toBe(409);
		expect((await res.json()).error.code).toBe('point_has_values');
	});
});

describe('the go/no-go decision', () => {
	const decision = { decision: 'scale', motivation: 'Färre fall och nöjd personal' };
	it('is refused to everyone but the named decision maker', async () => {
		expect((await post(leader, `/api/v1/pilots/${pilot1}/decision`, decision)).status).toBe(403);
		expect((await post(team, `/api/v1/pilots/${pilot1}/decision`, decision)).status).toBe(403);
		expect((await post(observer, `/api/v1/pilots/${pilot1}/decision`, decision)).status).toBe(403);
		expect((await post(a1, `/api/v1/pilots/${pilot1}/decision`, decision)).status).toBe(403);
		expect((await post(b1, `/api/v1/pilots/${pilot1}/decision`, decision)).status).toBe(404);
	});

	it('is refused while a point lacks a baseline, unless a reason is given; then journalled and told to team and observers', async () => {
		const refused = await post(politician, `/api/v1/pilots/${pilot1}/decision`, decision);
		expect(refused.status).toBe(409);
		expect((await refused.json()).error.code).toBe('baseline_missing');
		const res = await post(politician, `/api/v1/pilots/${pilot1}/decision`, { ...decision, reason: 'Personalenkäten gjordes inte före piloten' });
		expect(res.status).toBe(201);
		const [entry] = await journal('pilot.decided');
		expect(entry.data).toMatchObject({ decision: 'scale', withoutBaseline: ['Nöjd personal'] });
		const told = await server.app.db.select().from(notifications).where(eq(notifications.kind, 'pilot.decided'));
		expect(new Set(told.map((n) => n.userId))).toEqual(new Set([leader.id, team.id, observer.id]));
	});
});

describe('scale-up', () => {
	it('asks the advisor with the scale-up aggregated with the pilots and warns when it passes the direct-award limit', async () => {
		const res = await put(leader, `/api/v1/pilots/${pilot1}/scale-up`, { organisationRequirements: 'Utbildning av all personal', costSek: 600_000, municipalities: ['Skurup', 'Ystad'] });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.advice.aggregation.totalSek).toBe(600_000 + 250_000 + 480_000);
		expect(body.scaleUp.advice.warnings.map((w: { code: string }) => w.code)).toContain('scale_up_exceeds_direct_award');
		expect((await put(a1, `/api/v1/pilots/${pilot1}/scale-up`, { organisationRequirements: '', costSek: 1, municipalities: [] })).status).toBe(403);
	});
});

describe('numeric indicators on needs', () => {
	it('accept numbers through the needs API and keep the text as a note', async () => {
		const res = await post(leader, `/api/v1/initiatives/${initiativeId}/needs`, {
			title: 'Tryggare nätter',
			indicators: [{ name: 'Larm per natt', unit: 'st', baseline: 'ungefär sex', baselineValue: 6.5, baselineDate: '2027-01-01', baselineSource: 'Larmloggen', target: 3, direction: 'down' }]
		});
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body.indicators[0]).toMatchObject({ baseline: 'ungefär sex', baselineValue: 6.5, targetValue: 3, target: '', direction: 'down', needsNumbers: false });
	});

	it('are backfilled by the migration from Swedish number text, flagging the rest', async () => {
		const db = server.app.db;
		const [n] = await db
			.insert(needs)
			.values({
				initiativeId,
				title: 'Gammalt behov',
				createdBy: leader.id,
				indicators: [
					{ name: 'Fall', unit: 'fall/månad', baseline: '14 fall/månad', target: '8,5', method: '', owner: '' },
					{ name: 'Nöjdhet', unit: '%', baseline: 'ca hälften', target: '80 %', method: '', owner: '' }
				]
			})
			.returning();
		// The migration that adds pilots carries the backfill (its number changes when branches merge).
		const name = readdirSync(new URL('../../drizzle/', import.meta.url)).find((f) => /^\d{4}_pilots\.sql$/.test(f));
		expect(name).toBeDefined();
		const file = readFileSync(new URL(`../../drizzle/${name}`, import.meta.url), 'utf8');
		const statements = file.split('--> statement-breakpoint').map((s) => s.trim()).filter((s) => /brygga_sv_number/.test(s));
		for (const statement of statements) await db.execute(sql.raw(statement));
		const [after] = await db.select().from(needs).where(eq(needs.id, n.id));
		expect(after.indicators[0]).toMatchObject({ baselineValue: 14, targetValue: 8.5, direction: 'down', needsNumbers: false, baseline: '14 fall/månad' });
		expect(after.indicators[1]).toMatchObject({ baselineValue: null, targetValue: 80, direction: 'up', needsNumbers: true, baseline: 'ca hälften' });
	});
});
