/**
 * The demo's innovation sprint: a sprint in the demo initiative with a room for each demo
 * supplier, the terms accepted by both, one briefing published to every room, a question asked in
 * one room and answered to all, and the Decide stage started in both rooms — so each persona sees
 * a sprint from its own seat (the leader's console, a supplier's own room, the observer's parity
 * report). Written through the sprint commands like any user's actions (journalled, notified).
 * Idempotent: nothing is written when the demo initiative already has a sprint.
 */
import { and, eq } from 'drizzle-orm';
import { initiatives, sprints as sprintsTable } from '../db/schema/index.ts';
import type { App } from '../app.ts';
import * as sprints from '../sprints/index.ts';
import { persona } from './rfi.ts';
import { DEMO_TITLE } from './seed.ts';

export async function seedDemoSprint(app: App): Promise<void> {
	if (!app.config.demo) return;
	const [leader, supplierA, supplierB] = await Promise.all([persona(app, 'process_leader'), persona(app, 'supplier_a'), persona(app, 'supplier_b')]);
	if (!leader || !supplierA || !supplierB) return;
	const [initiative] = await app.db
		.select({ id: initiatives.id })
		.from(initiatives)
		.where(and(eq(initiatives.title, DEMO_TITLE), eq(initiatives.createdBy, leader.userId)))
		.limit(1);
	if (!initiative) return;
	const [existing] = await app.db.select({ id: sprintsTable.id }).from(sprintsTable).where(eq(sprintsTable.initiativeId, initiative.id)).limit(1);
	if (existing) return;

	const { id } = await sprints.createSprint(app, leader, initiative.id, {
		title: 'Sprint: torra entréer',
		template: 'design_sprint_5',
		goal: 'Om ett år är förskolornas entréer torra och rena hela vintern utan att personalen torkar golv varje timme.',
		questions: ['Kan barnen själva hålla gruset borta från lekrummen?', 'Orkar personalen med lösningen en hel vinter?']
	});
	const origin = app.config.ORIGIN ?? `http://localhost:${app.config.PORT}`;
	const sprintCtx = async () => (await sprints.sprintContext(app.db, leader, id))!;
	const rooms: string[] = [];
	for (const supplier of [supplierA, supplierB]) {
		const { roomId } = await sprints.addRoom(app, leader, await sprintCtx(), { organisationId: supplier.organisationId }, origin);
		rooms.push(roomId);
		await sprints.acceptTerms(app, supplier, (await sprints.roomContext(app.db, supplier, roomId))!);
	}
	await sprints.publishInput(app, leader, await sprintCtx(), {
		title: 'Fråga experterna: vaktmästare och förskollärare',
		body: 'Vaktmästarna sopar entréerna två gånger om dagen; gruset kommer mest från skor och vagnar. Förskollärarna vill att barnen ska kunna klä av sig utan att vänta i kö vid dörren.'
	});
	const asked = await sprints.askQuestion(app, supplierA, (await sprints.roomContext(app.db, supplierA, rooms[0]))!, 'Finns det tak över entréerna på alla tre förskolorna?');
	await sprints.answerQuestion(app, leader, await sprintCtx(), asked.id, { answer: 'Ja, alla tre entréerna har skärmtak, men inte vindfång.' });
	for (const stage of ['map', 'sketch', 'decide'] as const) await sprints.startStage(app, leader, await sprintCtx(), { stage });
}
