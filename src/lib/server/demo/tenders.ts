/**
 * The demo's procurement step: two tender rounds in the demo initiative, so each persona sees a
 * tender in each state a visitor should see.
 *
 * - An earlier pilot round, **opened and under evaluation**: Golvteknik (supplier A) was barred
 *   because Johan wrote in the requirements, gave its statement, and the procurement officer and
 *   the process leader lifted the bar; both suppliers tendered, two openers opened, both tenderers
 *   were found qualified and Maria has begun scoring.
 * - A round **open for tenders**: Golvteknik is barred (no statement yet: the visitor can give
 *   it), Städrobot may tender.
 *
 * Everything goes through the real commands — sealed, journalled and notified as in production.
 * The pilot round's earlier steps run with the clock set back (a copy of the app with another
 * clock), since deadlines are decided by the server's clock. The requirements the rounds answer
 * to are written through the live-document server (so the authorship ledger records Johan) and
 * published as a version. Idempotent: nothing is written when the initiative already has a round.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { tenders as tendersTable } from '../db/schema/index.ts';
import type { UserActor } from '../access/policy.ts';
import type { App } from '../app.ts';
import * as tenders from '../tenders/index.ts';
import { listVersions, publish } from '../requirements/versions.ts';
import { requirementsDocName } from '../requirements/draft.ts';
import { addRequirement } from '../../shapes/requirements.ts';
import { demoInitiativeId, persona } from './personas.ts';

const DAY = 86_400_000;


/** The app as it was at `at`: the same database and services, another clock. */
const at = (app: App, time: number): App => ({ ...app, clock: { now: () => new Date(time) } });

const BUYER_REQUIREMENTS = [
	{ obligation: 'ska' as const, text: 'Väta och grus från skor och kläder ska stanna inom två meter från entrédörren.', verification: 'Mäts vid tre förskolor under fyra veckor.' },
	{ obligation: 'ska' as const, text: 'Lösningen ska vara säker för barn från ett års ålder: inga klämrisker, inga heta ytor.', verification: 'Intyg och demonstration.' },
	{ obligation: 'award' as const, text: 'Lösningen minskar personalens tid för torkning och sopning av golven.', verification: 'Tidsuppföljning före och under piloten.' }
];
const SUPPLIER_REQUIREMENT = { obligation: 'bor' as const, text: 'Mattor eller zoner vid entrén bör kunna rengöras med högtryck på plats.', verification: '' };

async function requirementsVersion(app: App, leader: UserActor, supplierA: UserActor, initiativeId: string): Promise<number> {
	const existing = await listVersions(app.db, leader, initiativeId);
	if (existing.length) return existing[0].version;
	const docName = requirementsDocName(initiativeId);
	await app.liveDocs!.change(docName, { userId: leader.userId, organisationId: leader.organisationId }, (doc) => {
		for (const r of BUYER_REQUIREMENTS) addRequirement(doc, { uid: randomUUID(), kind: 'function', ...r });
	});
	// Johan of Golvteknik helped as an expert with one requirement: the ledger records it, and that bars Golvteknik.
	await app.liveDocs!.change(docName, { userId: supplierA.userId, organisationId: supplierA.organisationId }, (doc) => {
		addRequirement(doc, { uid: randomUUID(), kind: 'function', ...SUPPLIER_REQUIREMENT });
	});
	return (await publish(app, leader, initiativeId, 'Förfrågningsunderlag: krav på torra och rena entréer')).version;
}

export async function seedDemoTenders(app: App): Promise<void> {
	if (!app.config.demo || !app.liveDocs) return;
	const [leader, officer, supplierA, supplierB] = await Promise.all([persona(app, 'process_leader'), persona(app, 'team'), persona(app, 'supplier_a'), persona(app, 'supplier_b')]);
	if (!leader || !officer || !supplierA || !supplierB) return;
	const initiativeId = await demoInitiativeId(app, leader);
	if (!initiativeId) return;
	const [existing] = await app.db.select({ id: tendersTable.id }).from(tendersTable).where(eq(tendersTable.initiativeId, initiativeId)).limit(1);
	if (existing) return;

	const version = await requirementsVersion(app, leader, supplierA, initiativeId);
	const criteria = [
		{ name: 'Pris', weight: 40, kind: 'price' as const },
		{ name: 'Effekt på personalens tid', weight: 60, kind: 'quality' as const, requirementIds: ['K3'] }
	];
	const load = async (actor: UserActor, id: string) => (await tenders.tenderContext(app.db, actor, id))!;

	// The pilot round: opened and under evaluation.
	const t0 = app.clock.now().getTime() - 20 * DAY;
	const pilot = await tenders.createTender(at(app, t0), leader, initiativeId, {
		title: 'Pilot: torra och rena entréer på tre förskolor',
		requirementsVersion: version,
		deadline: new Date(t0 + 10 * DAY),
		openers: [leader.userId, officer.userId],
		criteria
	});
	await tenders.publishTender(at(app, t0), leader, await load(leader, pilot.id), { open: true });
	await tenders.submitStatement(
		at(app, t0 + DAY),
		supplierA,
		await load(supplierA, pilot.id),
		'Johan Nilsson formulerade ett bör-krav om rengöring av entrémattor på kommunens begäran. Kravet bygger på allmänt känd branschpraxis och finns i förfrågningsunderlaget som alla leverantörer har fått; vi har ingen annan information än den.'
	);
	const lift = 'Golvtekniks bidrag är ett enda bör-krav som alla anbudsgivare kan läsa i förfrågningsunderlaget. Det ger inget försprång som inte delas med alla.';
	await tenders.decideConflict(at(app, t0 + 2 * DAY), officer, await load(officer, pilot.id), supplierA.organisationId, { decision: 'lift', reason: lift });
	await tenders.decideConflict(at(app, t0 + 2 * DAY), leader, await load(leader, pilot.id), supplierA.organisationId, { decision: 'lift', reason: lift });
	const submitted = [
		await tenders.submit(at(app, t0 + 3 * DAY), supplierA, await load(supplierA, pilot.id), {
			answers: [
				{ requirementId: 'K1', value: 'Uppvärmd avstrypningsmatta i två zoner, 1,8 meter lång: grus stannar i den yttre zonen och vätan avdunstar i den inre.' },
				{ requirementId: 'K2', value: 'Ytan håller högst 30 °C och saknar rörliga delar.' },
				{ requirementId: 'K3', value: 'Kunder rapporterar att torkningen minskat från sex till två gånger om dagen.' }
			],
			priceSek: 185_000,
			confidentiality: [{ requirementId: 'K1', what: 'Mattans zonindelning och värmestyrning', why: 'Konstruktionen är en affärshemlighet; ett utlämnande skulle låta konkurrenter kopiera den.' }]
		}),
		await tenders.submit(at(app, t0 + 4 * DAY), supplierB, await load(supplierB, pilot.id), {
			answers: [
				{ requirementId: 'K1', value: 'En städrobot kör i kapprummet efter varje in- och utgång och suger upp vatten och grus inom två meter från dörren.' },
				{ requirementId: 'K2', value: 'Roboten stannar vid beröring och har inga åtkomliga rörliga delar.' },
				{ requirementId: 'K3', value: 'Personalen behöver inte torka golven under dagen; roboten loggar varje körning.' }
			],
			priceSek: 240_000
		})
	];
	// After the deadline: the two named openers open, the team qualifies both tenderers and the evaluation begins.
	await tenders.approveOpening(app, leader, await load(leader, pilot.id));
	await tenders.approveOpening(app, officer, await load(officer, pilot.id));
	await tenders.declare(app, leader, await load(leader, pilot.id), undefined);
	const evaluating = await load(leader, pilot.id);
	for (const s of submitted) {
		await tenders.qualify(app, leader, evaluating, { submissionId: s.receipt.id, qualified: true, reason: 'Uppfyller kvalificeringskraven: registrerad i aktiebolagsregistret, inga skulder hos Skatteverket, referensuppdrag redovisade.' });
	}
	const quality = evaluating.tender.criteria.find((c) => c.kind === 'quality')!;
	await tenders.score(app, leader, evaluating, { submissionId: submitted[0].receipt.id, criterionId: quality.id, score: 6, motivation: 'Halverar torkningen enligt kundernas uppgifter, men kräver fortfarande torkning två gånger om dagen.' });
	await tenders.score(app, leader, evaluating, { submissionId: submitted[1].receipt.id, criterionId: quality.id, score: 8, motivation: 'Tar bort torkningen under dagen helt; loggen gör effekten lätt att följa upp.' });

	// The round open for tenders: Golvteknik barred, Städrobot eligible.
	const now = app.clock.now().getTime();
	const open = await tenders.createTender(app, leader, initiativeId, {
		title: 'Torra och rena entréer på alla förskolor',
		requirementsVersion: version,
		deadline: new Date(now + 21 * DAY),
		openers: [leader.userId, officer.userId],
		criteria
	});
	await tenders.publishTender(app, leader, await load(leader, open.id), { open: true });
	app.log.info('demo.tenders_seeded', { initiativeId: initiativeId, opened: pilot.id, open: open.id });
}
