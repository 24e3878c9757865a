/**
 * The demo's market dialogue: a published RFI round in the demo initiative, both demo suppliers
 * invited (and accepted), answers submitted by both, and one clarification asked by a supplier
 * and answered to all — so each persona sees the market side from its own seat. Written through
 * the RFI commands like any user's actions (journalled, notified). Idempotent: nothing is
 * written when the demo initiative already has a round.
 */
import { and, eq } from 'drizzle-orm';
import { initiatives, organisations, rfis, users } from '../db/schema/index.ts';
import type { UserActor } from '../access/policy.ts';
import type { App } from '../app.ts';
import * as rfi from '../rfi/index.ts';
import { acceptSupplierInvitation, inviteSupplier } from '../market/invitations.ts';
import { DEMO_TITLE } from './seed.ts';

const DAY = 86_400_000;

/** A demo persona as an actor (null when the demo has no such persona). */
export async function persona(app: App, key: string): Promise<UserActor | null> {
	const [row] = await app.db
		.select({ user: users, kind: organisations.kind })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(users.demoPersona, key))
		.limit(1);
	if (!row) return null;
	return {
		kind: 'user',
		userId: row.user.id,
		name: row.user.name,
		organisationId: row.user.organisationId,
		organisationKind: row.kind,
		orgAdmin: row.user.orgAdmin,
		platformAdmin: row.user.platformAdmin
	};
}

export async function seedDemoRfi(app: App): Promise<void> {
	if (!app.config.demo) return;
	const [leader, supplierA, supplierB] = await Promise.all([persona(app, 'process_leader'), persona(app, 'supplier_a'), persona(app, 'supplier_b')]);
	if (!leader || !supplierA || !supplierB) return;
	const [initiative] = await app.db
		.select({ id: initiatives.id })
		.from(initiatives)
		.where(and(eq(initiatives.title, DEMO_TITLE), eq(initiatives.createdBy, leader.userId)))
		.limit(1);
	if (!initiative) return;
	const [existing] = await app.db.select({ id: rfis.id }).from(rfis).where(eq(rfis.initiativeId, initiative.id)).limit(1);
	if (existing) return;

	const now = app.clock.now().getTime();
	const { id } = await rfi.createRfi(app, leader, initiative.id, {
		title: 'RFI: torra och rena golv i förskolans entréer',
		intro:
			'Sjöstads och Norrviks kommuner vill veta vilka lösningar som finns för att hålla förskolornas entréer, kapprum och lekrum torra och rena under vinterhalvåret – ' +
			'tjänster, material eller teknik. Vi beskriver behovet, inte en produkt. Svaren används för att välja förfarande och är inte ett anbud.',
		questionsDeadline: new Date(now + 14 * DAY),
		answersDeadline: new Date(now + 28 * DAY),
		open: false,
		questions: [
			{ text: 'Beskriv er lösning och hur den håller väta och grus borta från golven.', kind: 'text' },
			{ text: 'Vilken mognadsgrad har lösningen?', kind: 'choice', options: ['Idé', 'Prototyp', 'Används hos kunder'] },
			{ text: 'Hur mycket tid kan lösningen spara åt personalen? (1 = ingen, 5 = mycket)', kind: 'scale' },
			{ text: 'Vad skulle en pilot på tre förskolor under en vinter kosta ungefär?', kind: 'text' }
		]
	});
	const origin = app.config.ORIGIN ?? `http://localhost:${app.config.PORT}`;
	const load = async (actor: UserActor) => (await rfi.rfiContext(app.db, actor, id))!;
	let ctx = await load(leader);
	for (const supplier of [supplierA, supplierB]) {
		const [{ email }] = await app.db.select({ email: users.email }).from(users).where(eq(users.id, supplier.userId));
		const { inviteUrl } = await inviteSupplier(app, leader, { subjectKind: 'rfi', subjectId: id, initiativeId: initiative.id, subjectTitle: ctx.rfi.title, email, origin });
		await acceptSupplierInvitation(app, supplier, inviteUrl.split('/').pop()!);
	}
	const view = await rfi.roundView(app.db, ctx, leader, app.clock.now());
	await rfi.publishRfi(app, leader, ctx, { buyerName: view.buyer });

	const questions = await rfi.questionsOf(app.db, id, false);
	const [describe, maturity, time, cost] = questions.map((q) => q.id);
	const askCtx = await load(supplierA);
	const { id: clarificationId } = await rfi.askClarification(app, supplierA, askCtx, 'Får lösningen kräva el vid entrén, eller ska den fungera utan?');
	ctx = await load(leader);
	await rfi.answerClarification(app, leader, ctx, clarificationId, {
		question: 'Får lösningen kräva el vid entrén?',
		answer: 'Ja. Alla tre pilotförskolor har eluttag vid entréerna. Ange effektbehovet i ert svar.'
	});

	const answers = [
		{
			actor: supplierA,
			values: [
				'Uppvärmd avstrypningsmatta i två zoner med dränering: grus fastnar i den yttre zonen och vätan avdunstar i den inre. Mattan rengörs med högtryck en gång i veckan.',
				'Används hos kunder',
				4,
				'Cirka 180 000 kr för tre förskolor under en vinter, installation och uppföljning ingår.'
			],
			confidentiality: [{ questionId: cost, what: 'Prisuppgiften för piloten', why: 'Priset är förhandlingsunderlag i pågående upphandlingar; ett utlämnande skulle skada vår position mot konkurrenter.' }]
		},
		{
			actor: supplierB,
			values: [
				'En liten städrobot som kör i kapprummet efter varje in- och utgång och suger upp vatten och grus. Robotens körningar loggas så att personalen ser när golvet senast torkats.',
				'Prototyp',
				5,
				'Uppskattningsvis 240 000 kr inklusive tre robotar, service och rapportering.'
			],
			confidentiality: []
		}
	];
	for (const a of answers) {
		const c = await load(a.actor);
		await rfi.saveDraft(app, a.actor, c, {
			answers: [describe, maturity, time, cost].map((questionId, i) => ({ questionId, value: a.values[i] })),
			confidentiality: a.confidentiality
		});
		const [org] = await app.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, a.actor.organisationId));
		await rfi.submit(app, a.actor, c, org.name);
	}
	app.log.info('demo.rfi_seeded', { initiativeId: initiative.id, rfiId: id });
}
