/**
 * The report sections of the capabilities that existed before pilots: the initiative with its
 * needs and indicators (10), published requirements versions (20), RFI rounds and what they
 * found (30), tender rounds as far as they are public after the award (40), and the decisions
 * recorded along the way (50). Lessons learnt are 70 (`lessons.ts`). Each section loads the
 * viewer's scope and asks the policy for its own resource; what a viewer may not read is left out
 * (a whole section returns null).
 *
 * The report is the contracting authority's record, so it is written in Swedish.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { initiatives, organisations, rfiQuestions, rfiResponses, rfis, tenderSubmissions, tenders } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import { can, type Actor, type InitiativeResource } from '../access/policy.ts';
import { listNeeds } from '../needs/index.ts';
import { listVersions } from '../requirements/versions.ts';
import * as audit from '../audit/index.ts';
import { describe as describeEntry } from '../audit/format.ts';
import { lookupFor } from '../audit/readable.ts';
import { PROCEDURE_SV } from '../exports/procedure.ts';
import { swedishDate, swedishDateTime, swedishSek } from '../exports/document.ts';
import type { ProcedureDecision } from '../advisor/index.ts';
import { readable, registerReportSection, type ReportBlock } from './sections.ts';

const sv = { locale: 'sv' } as const;

/** Initiative phase in Swedish (the document's language, whatever the reader's). */
export function phaseSv(phase: string): string {
	const names: Record<string, () => string> = {
		initiate: () => m.phase_initiate({}, sv),
		needs: () => m.phase_needs({}, sv),
		dialogue: () => m.phase_dialogue({}, sv),
		sprint: () => m.phase_sprint({}, sv),
		procure: () => m.phase_procure({}, sv),
		pilot: () => m.phase_pilot({}, sv),
		evaluate: () => m.phase_evaluate({}, sv)
	};
	return names[phase]?.() ?? phase;
}


const PRIORITY_SV: Record<string, string> = { high: 'Hög', medium: 'Medel', low: 'Låg' };
const NEED_STATUS_SV: Record<string, string> = { draft: 'Utkast', agreed: 'Fastställt', parked: 'Parkerat', moved: 'Flyttat' };
const FINDING_SV: Record<string, string> = {
	exists: 'Lösningar finns på marknaden',
	needs_adaptation: 'Lösningar finns men behöver anpassas',
	not_available: 'Lösningar finns inte på marknaden'
};

const p = (text: string): ReportBlock => ({ kind: 'paragraph', text });
const h = (text: string): ReportBlock => ({ kind: 'heading', text });

registerReportSection({
	key: 'initiative',
	order: 10,
	async build(db, initiativeId, viewer) {
		const scope = await readable(db, viewer, initiativeId, 'initiative');
		if (!scope) return null;
		const [ini] = await db.select().from(initiatives).where(eq(initiatives.id, initiativeId)).limit(1);
		if (!ini) return null;
		const blocks: ReportBlock[] = [];
		if (ini.description.trim()) blocks.push(p(ini.description.trim()));
		const facts: string[][] = [
			['Fas', phaseSv(ini.phase)],
			['Uppskattat värde', ini.estimatedValueSek === null ? 'Inte angivet' : swedishSek(ini.estimatedValueSek)],
			['Startat', swedishDate(ini.createdAt)]
		];
		if (can(viewer, 'read', { resource: 'procedure', initiative: scope }) && ini.procedure) {
			const decision = ini.procedure as ProcedureDecision;
			facts.push(['Förfarande', PROCEDURE_SV[decision.procedure] ?? String(decision.procedure)]);
		}
		blocks.push({ kind: 'table', columns: ['Uppgift', 'Värde'], rows: facts });
		if (can(viewer, 'read', { resource: 'needs', initiative: scope })) {
			const needs = await listNeeds(db, initiativeId);
			blocks.push(h('Behov'));
			if (!needs.length) blocks.push(p('Inga behov har formulerats.'));
			else {
				blocks.push({
					kind: 'table',
					columns: ['Behov', 'Formulering', 'Prioritet', 'Status'],
					rows: needs.map((n) => [n.title, n.statement, PRIORITY_SV[n.priority] ?? n.priority, NEED_STATUS_SV[n.status] ?? n.status])
				});
				const indicators = needs.flatMap((n) => n.indicators.map((i) => [n.title, i.name, i.unit, i.baseline, i.target, i.method]));
				blocks.push(h('Indikatorer'));
				blocks.push(
					indicators.length
						? { kind: 'table', columns: ['Behov', 'Indikator', 'Enhet', 'Nuläge', 'Mål', 'Mätmetod'], rows: indicators }
						: p('Inga indikatorer har angetts.')
				);
			}
		}
		return { title: 'Initiativet och dess behov', blocks };
	}
});

registerReportSection({
	key: 'requirements',
	order: 20,
	async build(db, initiativeId, viewer) {
		if (!(await readable(db, viewer, initiativeId, 'requirement_versions'))) return null;
		const versions = await listVersions(db, viewer, initiativeId);
		if (!versions.length) return { title: 'Kravspecifikation', blocks: [p('Ingen version av kravspecifikationen har publicerats.')] };
		return {
			title: 'Kravspecifikation',
			blocks: [
				p(`${versions.length} publicerade versioner. Varje version är fryst och är den som RFI och anbud svarar mot.`),
				{
					kind: 'table',
					columns: ['Version', 'Publicerad', 'Av', 'Antal krav', 'Anteckning'],
					rows: [...versions].reverse().map((v) => [String(v.version), swedishDateTime(v.publishedAt), v.publishedBy.name, String(v.requirementCount), v.note ?? ''])
				}
			]
		};
	}
});

registerReportSection({
	key: 'rfis',
	order: 30,
	async build(db, initiativeId, viewer) {
		const scope = await readable(db, viewer, initiativeId, 'rfis');
		if (!scope) return null;
		const rounds = await db.select().from(rfis).where(eq(rfis.initiativeId, initiativeId)).orderBy(asc(rfis.createdAt));
		const published = rounds.filter((r) => r.publishedAt);
		if (!published.length) return { title: 'Marknadsdialog (RFI)', blocks: [p('Ingen RFI har publicerats.')] };
		// The analysis (summary, finding, number of answers) is the team's reading of the suppliers' answers:
		// observers follow the rounds, not the answers (policy resource `rfi_responses`).
		const analysis = (r: (typeof rounds)[number]) =>
			can(viewer, 'read', { resource: 'rfi_responses', initiative: scope, rfi: { rfiId: r.id, published: true, open: r.open, participant: false } });
		const ids = published.map((r) => r.id);
		const questions = await db.select({ rfiId: rfiQuestions.rfiId, removedAt: rfiQuestions.removedAt }).from(rfiQuestions).where(inArray(rfiQuestions.rfiId, ids));
		const responses = await db.select({ rfiId: rfiResponses.rfiId, submittedAt: rfiResponses.submittedAt }).from(rfiResponses).where(inArray(rfiResponses.rfiId, ids));
		const blocks: ReportBlock[] = [];
		for (const r of published) {
			blocks.push(h(r.title));
			const rows = [
				['Publicerad', swedishDateTime(r.publishedAt!)],
				['Sista dag för svar', swedishDateTime(r.answersDeadline)],
				['Frågor', String(questions.filter((q) => q.rfiId === r.id && !q.removedAt).length)]
			];
			if (analysis(r)) {
				rows.push(['Inkomna svar', String(responses.filter((x) => x.rfiId === r.id && x.submittedAt).length)]);
				rows.push(['Marknadsbild', r.marketFinding ? FINDING_SV[r.marketFinding] : 'Inte bedömd']);
			}
			blocks.push({ kind: 'table', columns: ['Uppgift', 'Värde'], rows });
			if (analysis(r) && r.summary.trim()) blocks.push(p(r.summary.trim()));
		}
		return { title: 'Marknadsdialog (RFI)', blocks };
	}
});

registerReportSection({
	key: 'tenders',
	order: 40,
	async build(db, initiativeId, viewer) {
		if (!(await readable(db, viewer, initiativeId, 'tenders'))) return null;
		const rounds = await db.select().from(tenders).where(eq(tenders.initiativeId, initiativeId)).orderBy(asc(tenders.createdAt));
		const published = rounds.filter((t) => t.publishedAt);
		if (!published.length) return { title: 'Upphandling', blocks: [p('Ingen anbudsgivning har publicerats.')] };
		const blocks: ReportBlock[] = [];
		for (const t of published) {
			blocks.push(h(t.title));
			const rows = [
				['Publicerad', swedishDateTime(t.publishedAt!)],
				['Kravspecifikation', `version ${t.requirementsVersion}`],
				['Sista anbudsdag', swedishDateTime(t.deadline)]
			];
			// Before the award, everything about the tenders is secret (OSL 19:3); after it, the award
			// decision is public. Nothing here reads a submission's sealed contents.
			if (t.awardedAt && t.awardedSubmissionId) {
				const [winner] = await db
					.select({ name: organisations.name })
					.from(tenderSubmissions)
					.innerJoin(organisations, eq(organisations.id, tenderSubmissions.organisationId))
					.where(eq(tenderSubmissions.id, t.awardedSubmissionId))
					.limit(1);
				if (t.openedAt) rows.push(['Anbudsöppning', swedishDateTime(t.openedAt)]);
				rows.push(['Tilldelningsbeslut', swedishDateTime(t.awardedAt)]);
				if (winner) rows.push(['Tilldelad', winner.name]);
				if (t.standstillEndsAt) rows.push(['Avtalsspärr till', swedishDateTime(t.standstillEndsAt)]);
				rows.push(['Avtal tecknat', t.contractSignedAt ? swedishDate(t.contractSignedAt) : 'Inte ännu']);
			} else {
				rows.push(['Tilldelning', 'Inget tilldelningsbeslut ännu']);
			}
			blocks.push({ kind: 'table', columns: ['Uppgift', 'Värde'], rows });
			blocks.push({ kind: 'table', columns: ['Utvärderingskriterium', 'Slag', 'Vikt'], rows: t.criteria.map((c) => [c.name, c.kind === 'price' ? 'Pris' : 'Kvalitet', String(c.weight)]) });
			if (t.awardedAt && t.awardMotivation?.trim()) {
				blocks.push(h('Motivering av tilldelningsbeslutet'));
				blocks.push(p(t.awardMotivation.trim()));
			}
		}
		return { title: 'Upphandling', blocks };
	}
});

/**
 * Journal events that are decisions worth a line in the report, each with the resource whose
 * page shows the same decision: a reader who may not read that resource does not get the line,
 * so the report never reads more of the journal than the viewer's own pages would.
 */
export const DECISIONS: Record<string, InitiativeResource> = {
	'initiative.phase_changed': 'initiative',
	'procedure.chosen': 'procedure',
	'requirements.version_published': 'requirement_versions',
	'rfi.published': 'rfis',
	'tender.published': 'tenders',
	'tender.opened': 'tenders',
	'tender.awarded': 'tenders',
	'tender.contract_signed': 'tenders',
	'member.process_leader_handed_over': 'members'
};

registerReportSection({
	key: 'decisions',
	order: 50,
	async build(db, initiativeId, viewer) {
		const scope = await readable(db, viewer, initiativeId, 'initiative');
		if (!scope) return null;
		const entries = (await audit.list(db, initiativeId)).filter((e) => {
			const resource = DECISIONS[e.action];
			return resource && can(viewer, 'read', { resource, initiative: scope });
		});
		if (!entries.length) return { title: 'Beslut', blocks: [p('Inga beslut har registrerats ännu.')] };
		const lookup = await lookupFor(db, initiativeId, entries);
		return {
			title: 'Beslut',
			blocks: [
				{
					kind: 'table',
					columns: ['Datum', 'Beslut'],
					rows: entries.map((e) => [swedishDateTime(e.at), describeEntry({ action: e.action, actorLabel: e.actor.label, data: e.data }, 'sv', lookup).text])
				}
			]
		};
	}
});
