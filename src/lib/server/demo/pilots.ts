/**
 * The demo's running pilot: Golvteknik (supplier A) pilots dry entrances at three preschools,
 * bought by direct award, with a filled-in plan, two measurement points with baselines and a few
 * months of values — the last month's reported by the supplier and still awaiting confirmation —
 * so the team, the observer and the supplier each see the pilot from their own seat. Written
 * through the pilot commands like any user's actions (journalled). Idempotent: nothing is
 * written when the demo initiative already has a pilot.
 */
import { asc, eq } from 'drizzle-orm';
import { needs, pilots as pilotTable } from '../db/schema/index.ts';
import type { App } from '../app.ts';
import * as pilots from '../pilots/index.ts';
import { docNameOf } from '../pilots/access.ts';
import { sectionText, type PlanTextSection } from '../../shapes/pilot.ts';
import { demoInitiativeId, persona } from './personas.ts';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const SECTIONS: Partial<Record<PlanTextSection, string>> = {
	goal: 'Pröva om entrémattor med uppsamlingszon och en ny städrutin håller entréerna torra, så att halkolyckorna bland personalen minskar och städtiden går ner.',
	roles: 'Maria Lind (processledare) äger piloten. Ahmed Karimi följer upp avtalet. Förskolecheferna på de tre förskolorna ansvarar för mätningen. Golvteknik installerar och sköter mattorna.',
	collaboration: 'Avstämning varannan vecka (30 minuter, digitalt). Mätvärden delas i Brygga. Kontakt: Maria Lind och Johan Nilsson.',
	documentation: 'Förskolorna för en enkel logg över halkincidenter och städinsatser. Avstämningarna protokollförs kort.',
	communication: 'Kommunen berättar om piloten på sin webbplats. Golvteknik får nämna piloten som referens först efter beslutet.',
	economics: 'Piloten kostar 180 000 kronor. En uppskalning till kommunens 40 förskolor uppskattas till 1,8 miljoner kronor per år, mot minskad sjukfrånvaro och städtid.'
};

export async function seedDemoPilot(app: App): Promise<void> {
	if (!app.config.demo) return;
	const [leader, team, observer, supplierA] = await Promise.all([persona(app, 'process_leader'), persona(app, 'team'), persona(app, 'observer'), persona(app, 'supplier_a')]);
	if (!leader || !team || !supplierA) return;
	const initiativeId = await demoInitiativeId(app, leader);
	if (!initiativeId) return;
	const [existing] = await app.db.select({ id: pilotTable.id }).from(pilotTable).where(eq(pilotTable.initiativeId, initiativeId)).limit(1);
	if (existing) return;

	const now = app.clock.now().getTime();
	const start = now - 120 * DAY;
	const [need] = await app.db.select({ id: needs.id }).from(needs).where(eq(needs.initiativeId, initiativeId)).orderBy(asc(needs.createdAt)).limit(1);
	const { id } = await pilots.createPilot(app, leader, initiativeId, {
		title: 'Torra entréer på tre förskolor',
		organisationIds: [supplierA.organisationId],
		kind: 'series',
		valueSek: 180_000,
		needIds: need ? [need.id] : [],
		decisionMakers: [leader.userId, ...(observer ? [observer.userId] : [])],
		directAwardReason: 'Liten pilot under en vinter för att pröva om lösningen fungerar innan en större upphandling; tre leverantörer tillfrågades.',
		route: 'direct_award',
		startDate: iso(start),
		endDate: iso(now + 60 * DAY),
		gateDate: iso(now + 75 * DAY)
	});
	const load = async (actor: typeof leader) => (await pilots.pilotContext(app.db, actor, id))!;
	let ctx = await load(leader);
	await pilots.updatePlan(app, leader, ctx, {
		activities: [
			{ title: 'Installation av mattor på tre förskolor', start: iso(start), end: iso(start + 14 * DAY), owner: 'Golvteknik', status: 'done' },
			{ title: 'Ny städrutin införd', start: iso(start + 14 * DAY), end: iso(start + 30 * DAY), owner: 'Förskolecheferna', status: 'done' },
			{ title: 'Mätning varje månad', start: iso(start), end: iso(now + 60 * DAY), owner: 'Förskolecheferna', status: 'ongoing' },
			{ title: 'Go/no-go', start: iso(now + 75 * DAY), end: null, owner: 'Maria Lind', status: 'planned' }
		],
		risks: [
			{ risk: 'Personalen hinner inte följa städrutinen', likelihood: 3, impact: 3, mitigation: 'Kort introduktion och en checklista vid entrén', owner: 'Förskolecheferna' },
			{ risk: 'Mattorna blir en snubbelrisk för de minsta barnen', likelihood: 2, impact: 4, mitigation: 'Mattor med fasade kanter, kontroll varje vecka', owner: 'Golvteknik' }
		]
	});
	ctx = await load(leader);
	const points = await pilots.savePoints(app, leader, ctx, [
		{ needId: need?.id ?? null, name: 'Halkincidenter bland personalen per månad', unit: 'st', direction: 'down', baseline: { value: 9, date: iso(start - 30 * DAY), source: 'Incidentrapporter vintern 2025/26' }, target: 4, method: 'Incidentrapporter', frequency: 'Varje månad', responsible: 'Förskolecheferna', supplierReports: false },
		{ name: 'Städtid i entrén per dag', unit: 'minuter', direction: 'down', baseline: { value: 75, date: iso(start - 30 * DAY), source: 'Tidsstudie' }, target: 45, method: 'Tidslogg', frequency: 'Varje månad', responsible: 'Golvteknik', supplierReports: true }
	]);
	const [incidents, cleaning] = points.map((p) => p.id);
	const months = [1, 2, 3, 4].map((k) => iso(start + k * 30 * DAY));
	await pilots.recordValues(
		app,
		leader,
		ctx,
		[
			...[8, 6, 5, 4].map((value, k) => ({ pointId: incidents, date: months[k], value, row: k + 1 })),
			...[70, 62, 55].map((value, k) => ({ pointId: cleaning, date: months[k], value, row: k + 5 }))
		]
	);
	// The last month's cleaning time, reported by the supplier, awaits the team's confirmation.
	await pilots.recordValues(app, supplierA, await load(supplierA), [{ pointId: cleaning, date: months[3], value: 48, note: 'Från tidsloggen', row: 1 }]);

	if (app.liveDocs) {
		await app.liveDocs.change(docNameOf(id), { userId: leader.userId, organisationId: leader.organisationId }, (doc) => {
			for (const [key, text] of Object.entries(SECTIONS)) sectionText(doc, key as PlanTextSection).insert(0, text);
		});
	}
}
