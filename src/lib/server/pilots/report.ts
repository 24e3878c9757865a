/**
 * The pilots' section of the final report (slutrapport), for the report registry (key `pilots`,
 * order 60): per pilot its set-up, each indicator against baseline and target, the decisions and
 * the scale-up plan. Built for a viewer: a supplier gets only the pilot its organisation runs.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { organisations, pilotOrganisations, pilots } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { Actor } from '../access/policy.ts';
import { decisionsOf, indicatorsOf } from './queries.ts';
import type { ReportBlock } from '../reports/sections.ts';


const sv = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
const kr = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });
const STATUS: Record<string, string> = { met: 'Målet är nått', not_met: 'Målet är inte nått', no_data: 'Inga data' };
const DECISION: Record<string, string> = { scale: 'Skala upp', repeat: 'Ny pilot', stop: 'Avsluta' };
const KIND: Record<string, string> = { series: 'pilot i serie', parallel: 'parallell pilot' };
const ROUTE: Record<string, string> = { direct_award: 'direktupphandling', tender: 'tilldelad upphandling', sprint: 'innovationssprint' };

export async function pilotReportSection(db: Db, initiativeId: string, viewer: Actor): Promise<{ title: string; blocks: ReportBlock[] }> {
	let rows = await db.select().from(pilots).where(eq(pilots.initiativeId, initiativeId)).orderBy(asc(pilots.createdAt));
	const orgRows = rows.length
		? await db
				.select({ pilotId: pilotOrganisations.pilotId, id: organisations.id, name: organisations.name })
				.from(pilotOrganisations)
				.innerJoin(organisations, eq(organisations.id, pilotOrganisations.organisationId))
				.where(inArray(pilotOrganisations.pilotId, rows.map((r) => r.id)))
		: [];
	const supplier = viewer.kind === 'user' && viewer.organisationKind === 'supplier' ? viewer.organisationId : null;
	if (supplier) rows = rows.filter((r) => orgRows.some((o) => o.pilotId === r.id && o.id === supplier));
	const blocks: ReportBlock[] = [];
	if (!rows.length) blocks.push({ kind: 'paragraph', text: 'Inga piloter har genomförts i initiativet.' });
	for (const pilot of rows) {
		const names = orgRows.filter((o) => o.pilotId === pilot.id && (!supplier || o.id === supplier)).map((o) => o.name);
		blocks.push({ kind: 'heading', text: pilot.title });
		blocks.push({
			kind: 'paragraph',
			text: `${KIND[pilot.kind]}, köpt genom ${ROUTE[pilot.route]} för ${kr.format(pilot.valueSek)}, genomförd av ${names.join(', ') || '–'}${pilot.startDate ? `, ${pilot.startDate}–${pilot.endDate ?? ''}` : ''}.`
		});
		const indicators = await indicatorsOf(db, { pilot }, viewer);
		if (indicators.length) {
			blocks.push({
				kind: 'table',
				columns: ['Indikator', 'Utgångsvärde', 'Mål', 'Senaste bekräftade värde', 'Status'],
				rows: indicators.map((i) => {
					const last = i.series.filter((s) => s.confirmed).at(-1);
					const u = i.unit ? ` ${i.unit}` : '';
					return [
						i.name,
						i.baseline ? `${sv.format(i.baseline.value)}${u}${i.baseline.date ? ` (${i.baseline.date})` : ''}` : 'saknas',
						`${sv.format(i.target)}${u} (${i.direction === 'down' ? 'lägre' : 'högre'} är bättre)`,
						last ? `${sv.format(last.value)}${u} (${last.date})` : '–',
						STATUS[i.status]
					];
				})
			});
		}
		const decisions = await decisionsOf(db, pilot.id);
		for (const d of decisions.reverse()) {
			blocks.push({ kind: 'paragraph', text: `Beslut ${d.decidedAt.slice(0, 10)}: ${DECISION[d.decision]}. ${d.motivation}${d.reason ? ` (Skäl trots saknade utgångsvärden: ${d.reason})` : ''}` });
		}
		if (!decisions.length) blocks.push({ kind: 'paragraph', text: 'Inget beslut om piloten har fattats ännu.' });
		if (pilot.scaleUp && !supplier) {
			const s = pilot.scaleUp;
			blocks.push({
				kind: 'paragraph',
				text: `Uppskalning: ${kr.format(s.costSek)}, sammanlagt ${kr.format(s.advice.totalSek)} enligt upphandlingsguiden${s.municipalities.length ? `, med ${s.municipalities.join(', ')}` : ''}. ${s.organisationRequirements}`.trim()
			});
		}
	}
	return { title: 'Piloter och resultat', blocks };
}

