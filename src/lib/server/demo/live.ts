/**
 * The live part of the demo: a needs workshop with cards on its board and a first need in the
 * register. Board content is written through `app.liveDocs` like any server-side change, so
 * this runs once the live-document server is attached (`server/attach.ts`), after `seedDemo`.
 * Idempotent: nothing is written when the demo initiative already has a workshop.
 */
import { and, eq } from 'drizzle-orm';
import { initiatives, organisations, users } from '../db/schema/index.ts';
import { workshops } from '../db/schema/workshops.ts';
import { addCard, changePhase, createWorkshop } from '../workshops/index.ts';
import { createNeed } from '../needs/index.ts';
import { createNeedSchema } from '../needs/validation.ts';
import type { UserActor } from '../access/policy.ts';
import type { App } from '../app.ts';
import { DEMO_TITLE } from './seed.ts';

const CARDS = [
	'Snö och grus följer med in på stövlarna och blir pölar i kapprummet.',
	'Barnens overaller droppar när de hängs upp – golvet under krokarna är alltid blött.',
	'Vi torkar golvet fem–sex gånger om dagen, tid som tas från barnen.',
	'Föräldrar går in med skorna på vid hämtning och lämning.',
	'Entrémattorna är för korta och blir genomblöta redan på förmiddagen.',
	'Det är halt i hallen – både barn och personal har halkat.',
	'Barnen leker på golvet i lekrummet, som blir smutsigt av gruset.',
	'Städningen kommer först efter stängning, då är skadan redan skedd.'
];

export async function seedDemoWorkshop(app: App): Promise<void> {
	if (!app.config.demo || !app.liveDocs) return;
	const [leader] = await app.db
		.select({ user: users, orgKind: organisations.kind })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(users.demoPersona, 'process_leader'))
		.limit(1);
	if (!leader) return;
	const [initiative] = await app.db
		.select({ id: initiatives.id })
		.from(initiatives)
		.where(and(eq(initiatives.title, DEMO_TITLE), eq(initiatives.createdBy, leader.user.id)))
		.limit(1);
	if (!initiative) return;
	const [existing] = await app.db.select({ id: workshops.id }).from(workshops).where(eq(workshops.initiativeId, initiative.id)).limit(1);
	if (existing) return;

	const actor: UserActor = {
		kind: 'user',
		userId: leader.user.id,
		name: leader.user.name,
		organisationId: leader.user.organisationId,
		organisationKind: leader.orgKind,
		orgAdmin: leader.user.orgAdmin,
		platformAdmin: leader.user.platformAdmin
	};
	const draft = await createWorkshop(app, actor, initiative.id, {
		title: 'Behovsworkshop med förskolorna',
		question: 'Vad gör golven i våra förskolor blöta och smutsiga – och vad blir följden för barn och personal?',
		votesPerParticipant: 5,
		anonymous: true,
		silent: false
	});
	const workshop = await changePhase(app, actor, draft, 'collect');
	for (const text of CARDS) await addCard(app, actor, workshop, text);

	await createNeed(
		app,
		actor,
		initiative.id,
		createNeedSchema.parse({
			title: 'Torra och halkfria entréer och kapprum',
			statement:
				'Barn och personal på förskolorna behöver att väta och grus stannar vid entrén, så att golven i kapprum och lekrum är torra och halkfria hela dagen.',
			affected: 'Barn 1–5 år, pedagoger, lokalvårdare och föräldrar vid hämtning och lämning.',
			currentSituation: 'Golven torkas fem–sex gånger om dagen under vintern; städning sker en gång per dag efter stängning.',
			baseline: '12 rapporterade halkincidenter bland personalen vintern 2025/26.',
			desiredEffect: 'Färre halkolyckor och mer tid för barnen.',
			indicators: [
				{ name: 'Halkincidenter bland personal', unit: 'antal per vinter', baseline: '12', target: '6', method: 'Incidentrapporter', owner: 'Skyddsombud' },
				{ name: 'Tid för torkning och sopning', unit: 'minuter per dag och avdelning', baseline: '25', target: '12', method: 'Tidsloggning två veckor', owner: 'Förskolechef' }
			],
			priority: 'high',
			status: 'draft'
		})
	);
	app.log.info('demo.workshop_seeded', { initiativeId: initiative.id, workshopId: workshop.id });
}
