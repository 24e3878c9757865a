/**
 * The demo: on an empty database (no users at all) in demo mode, start creates a municipality
 * with a process leader, a team member and an observer, two supplier companies, and one
 * initiative with a written project brief — so a visitor can sign in as each persona (one click
 * on the login page) and see the same initiative through each role's eyes.
 *
 * Idempotent: any existing user means "not empty" and nothing is written; everything is written
 * in one transaction, so a crash half-way leaves an empty database that seeds on the next start.
 *
 * Passwords are random and never shown (personas sign in with one click), except Maria Lind's,
 * documented here and in the README so the API can be tried with curl on a demo installation:
 * `maria.lind@sjostad.example` / `DEMO_PASSWORD`.
 */
import { count } from 'drizzle-orm';
import * as Y from 'yjs';
import * as audit from '../audit/index.ts';
import { hashPassword } from '../auth/password.ts';
import { projectDoc } from '../collab/projection.ts';
import {
	docLedger,
	docProjections,
	docSnapshots,
	initiativeOrganisations,
	initiatives,
	memberships,
	organisations,
	users,
	type Role,
	type TeamLabel
} from '../db/schema/index.ts';
import type { App } from '../app.ts';

/**
 * The one documented demo password (Maria Lind, process leader and organisation administrator —
 * never platform administrator: anyone can become a persona with one click).
 */
export const DEMO_PASSWORD = 'brygga-demo-sjostad-2026';

export const DEMO_TITLE = 'Torra och rena golv i förskolan';

const DEMO_DESCRIPTION =
	'Under vinterhalvåret bär barn och vuxna in snö, grus och väta i förskolornas hallar och lekrum. ' +
	'Golven blir hala och smutsiga, barnen leker och äter på golven, och personalen torkar och sopar flera gånger om dagen. ' +
	'Initiativet ska ta reda på vilka behov verksamheten har och om det finns nya lösningar — tjänster, material eller teknik — ' +
	'som håller golven torra och rena utan mer kemikalier eller mer tid från pedagogerna.';

type Block = { heading: string } | { paragraph: string } | { bullets: string[] };

/** The brief as the process leader wrote it: the headings of a projektdirektiv, each with its text. */
const BRIEF: Block[] = [
	{ heading: 'Bakgrund' },
	{
		paragraph:
			'Sjöstads kommun driver 14 förskolor med omkring 1 100 barn. Från november till april dras snö, grus och smältvatten in genom entréerna, ' +
			'och hallar, kapprum och lekrum blir våta och smutsiga. Städningen är upphandlad och sker en gång per dag, efter stängning.'
	},
	{
		paragraph:
			'Förskolecheferna lyfte frågan i verksamhetsdialogen våren 2026, och skyddsombuden har rapporterat halkolyckor bland personalen.'
	},
	{ heading: 'Problem' },
	{
		paragraph:
			'Pedagogerna lägger enligt en enkät i genomsnitt 25 minuter per dag på att torka och sopa, tid som tas från barnen. ' +
			'Våta golv ger halkrisk för barn och vuxna, fukt i kapprummen och snabbare slitage på golvmattorna. ' +
			'Smutsen sprids till lekrummen, där de yngsta barnen leker på golvet.'
	},
	{ heading: 'Mål' },
	{
		bullets: [
			'Halkolyckorna bland personalen vid entréerna halveras jämfört med vintern 2025/26.',
			'Pedagogernas tid för torkning och sopning minskar med minst hälften.',
			'Ingen ökning av kemikalieanvändningen, och gärna en minskning.',
			'Lösningen fungerar för barn från ett års ålder och för personal med olika förutsättningar.'
		]
	},
	{ heading: 'Omfattning' },
	{
		paragraph:
			'Initiativet omfattar entréer, hallar, kapprum och angränsande lekrum. Tre förskolor — Solrosen, Hamnen och Skogsgläntan — deltar i behovsinventering och pilot. ' +
			'Ombyggnad av entréer ingår inte, men förslag som kräver mindre anpassningar av lokalerna är välkomna.'
	},
	{ heading: 'Mandat och budget' },
	{
		paragraph:
			'Barn- och utbildningsnämnden gav förvaltningen uppdraget i september 2026. Den uppskattade budgeten är 450 000 kronor för behovsinventering, ' +
			'marknadsdialog och en pilot på tre förskolor under vintern 2027. Maria Lind är processledare, Ahmed Karimi är upphandlare. ' +
			'Beslut om fortsättning efter piloten fattas av nämnden.'
	},
	{ heading: 'Effektlogik (utkast)' },
	{
		bullets: [
			'Aktivitet: behovsworkshoppar med pedagoger, lokalvårdare och föräldrar; marknadsdialog med leverantörer; pilot på tre förskolor.',
			'Resultat: formulerade behov som funktioner, en lösning som prövats under en vinter, mätdata om tid och halkolyckor.',
			'Effekt på kort sikt: torrare och renare golv, färre halkolyckor, mer tid för barnen.',
			'Effekt på lång sikt: bättre arbetsmiljö och lägre kostnader för golvunderhåll i alla kommunens förskolor.'
		]
	}
];

function textNode(text: string): Y.XmlText {
	const t = new Y.XmlText();
	t.insert(0, text);
	return t;
}

function paragraph(text: string): Y.XmlElement {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [textNode(text)]);
	return p;
}

/**
 * The brief as a Yjs document in the shape Tiptap's Collaboration extension reads: an
 * `XmlFragment('default')` of ProseMirror nodes (heading with a `level`, paragraph, bulletList
 * → listItem → paragraph), exactly what y-prosemirror would have written.
 */
export function briefDoc(blocks: Block[] = BRIEF): Y.Doc {
	const doc = new Y.Doc();
	const fragment = doc.getXmlFragment('default');
	const nodes: Y.XmlElement[] = blocks.map((block) => {
		if ('heading' in block) {
			const h = new Y.XmlElement('heading');
			h.setAttribute('level', 2 as unknown as string);
			h.insert(0, [textNode(block.heading)]);
			return h;
		}
		if ('paragraph' in block) return paragraph(block.paragraph);
		const list = new Y.XmlElement('bulletList');
		list.insert(
			0,
			block.bullets.map((b) => {
				const item = new Y.XmlElement('listItem');
				item.insert(0, [paragraph(b)]);
				return item;
			})
		);
		return list;
	});
	doc.transact(() => fragment.insert(0, nodes));
	return doc;
}

function randomPassword(): string {
	const bytes = new Uint8Array(24);
	crypto.getRandomValues(bytes);
	return Buffer.from(bytes).toString('base64url');
}

interface PersonSpec {
	key: string;
	email: string;
	name: string;
	org: string;
	persona: string;
	password?: string;
	orgAdmin?: boolean;
	role?: Role;
	label?: TeamLabel;
}

const ORGS = [
	{ key: 'sjostad', name: 'Sjöstads kommun', kind: 'buyer' as const, orgNumber: '212000-1231' },
	{ key: 'norrvik', name: 'Norrviks kommun', kind: 'buyer' as const, orgNumber: '212000-4565' },
	{ key: 'golv', name: 'Golvteknik Norr AB', kind: 'supplier' as const, orgNumber: '559123-4561' },
	{ key: 'robot', name: 'Städrobot Sverige AB', kind: 'supplier' as const, orgNumber: '559234-5671' }
];

const PEOPLE: PersonSpec[] = [
	{
		key: 'maria',
		email: 'maria.lind@sjostad.example',
		name: 'Maria Lind',
		org: 'sjostad',
		persona: 'process_leader',
		password: DEMO_PASSWORD,
		orgAdmin: true,
		role: 'process_leader'
	},
	{ key: 'ahmed', email: 'ahmed.karimi@sjostad.example', name: 'Ahmed Karimi', org: 'sjostad', persona: 'team', role: 'team', label: 'procurement_officer' },
	{ key: 'eva', email: 'eva.berg@sjostad.example', name: 'Eva Berg', org: 'sjostad', persona: 'observer', role: 'observer' },
	{ key: 'johan', email: 'johan.nilsson@golvteknik.example', name: 'Johan Nilsson', org: 'golv', persona: 'supplier_a', orgAdmin: true },
	{ key: 'sara', email: 'sara.holm@stadrobot.example', name: 'Sara Holm', org: 'robot', persona: 'supplier_b', orgAdmin: true }
];

/** Seeds the demo when the database has no users; returns whether it did. */
export async function seedDemo(app: App): Promise<boolean> {
	const [{ n }] = await app.db.select({ n: count() }).from(users);
	if (Number(n) > 0) return false;
	const started = Date.now();

	// Hash outside the transaction: argon2 is deliberately slow, and the hashes do not depend on ids.
	const hashes = await Promise.all(PEOPLE.map((p) => hashPassword(p.password ?? randomPassword())));
	const brief = briefDoc();
	const state = Y.encodeStateAsUpdate(brief);
	const projection = projectDoc(brief);

	const seeded = await app.db.transaction(async (tx) => {
		// Re-check inside the transaction: two starts racing must not both seed.
		const [{ n: again }] = await tx.select({ n: count() }).from(users);
		if (Number(again) > 0) return false;
		const orgIds = new Map<string, string>();
		for (const o of ORGS) {
			const [row] = await tx.insert(organisations).values({ name: o.name, kind: o.kind, orgNumber: o.orgNumber }).returning({ id: organisations.id });
			orgIds.set(o.key, row.id);
		}
		const userIds = new Map<string, string>();
		for (const [i, p] of PEOPLE.entries()) {
			const [row] = await tx
				.insert(users)
				.values({
					email: p.email,
					name: p.name,
					passwordHash: hashes[i],
					organisationId: orgIds.get(p.org)!,
					orgAdmin: p.orgAdmin ?? false,
					demoPersona: p.persona
				})
				.returning({ id: users.id });
			userIds.set(p.key, row.id);
		}
		const maria = { userId: userIds.get('maria')!, label: 'Maria Lind' };
		const [initiative] = await tx
			.insert(initiatives)
			.values({ title: DEMO_TITLE, description: DEMO_DESCRIPTION, estimatedValueSek: 450_000, phase: 'needs', createdBy: maria.userId })
			.returning({ id: initiatives.id });
		const initiativeId = initiative.id;
		await tx.insert(initiativeOrganisations).values([
			{ initiativeId, organisationId: orgIds.get('sjostad')! },
			{ initiativeId, organisationId: orgIds.get('norrvik')! }
		]);
		for (const p of PEOPLE) {
			if (!p.role) continue;
			await tx.insert(memberships).values({ initiativeId, userId: userIds.get(p.key)!, role: p.role, label: p.label ?? null });
		}

		const docName = `brief.${initiativeId}`;
		await tx.insert(docSnapshots).values({ docName, state, throughUpdateId: 0 });
		await tx.insert(docProjections).values({ docName, text: projection.text, json: projection.json });
		await tx.insert(docLedger).values({ docName, userId: maria.userId, organisationId: orgIds.get('sjostad')!, bytes: state.byteLength });

		await audit.record(tx, { initiativeId: null, actor: audit.SYSTEM, action: 'demo.seeded', data: { initiativeId, personas: PEOPLE.map((p) => p.persona) } });
		await audit.record(tx, {
			initiativeId,
			actor: maria,
			action: 'initiative.created',
			data: { title: DEMO_TITLE, estimatedValueSek: 450_000, organisationId: orgIds.get('sjostad')!, demo: true }
		});
		await audit.record(tx, {
			initiativeId,
			actor: maria,
			action: 'organisation.added',
			data: { organisationId: orgIds.get('norrvik')!, name: 'Norrviks kommun', orgNumber: '212000-4565' }
		});
		for (const p of PEOPLE) {
			if (!p.role || p.key === 'maria') continue;
			await audit.record(tx, {
				initiativeId,
				actor: maria,
				action: 'member.added',
				data: { userId: userIds.get(p.key)!, name: p.name, role: p.role, label: p.label ?? null, demo: true }
			});
		}
		await audit.record(tx, { initiativeId, actor: maria, action: 'initiative.phase_changed', data: { from: 'initiate', to: 'needs' } });
		return true;
	});
	if (seeded) app.log.info('demo.seeded', { ms: Date.now() - started });
	return seeded;
}
