/**
 * Exports of the needs register: CSV (one row per need, indicators flattened) and a DOCX report
 * (one section per need, with indicators as a table and the sources that explain it).
 * Labels follow the reader's language; Swedish is the default.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Need, ResolvedSource } from './index.ts';
import { toCsv } from '../csv/index.ts';

type Locale = 'sv' | 'en';

const LABELS = {
	sv: {
		register: 'Behovsregister',
		title: 'Rubrik',
		statement: 'Behovsformulering',
		affected: 'Berörda',
		currentSituation: 'Nuläge',
		baseline: 'Utgångsvärde',
		desiredEffect: 'Önskad effekt',
		indicators: 'Indikatorer',
		indicator: 'Indikator',
		unit: 'Enhet',
		target: 'Målvärde',
		method: 'Mätmetod',
		owner: 'Mäts av',
		priority: 'Prioritet',
		status: 'Status',
		movedTo: 'Flyttat till',
		sources: 'Källor',
		updated: 'Senast ändrad',
		generated: 'Skapad',
		none: '–',
		card: 'Kort',
		group: 'Grupp',
		missing: '(finns inte längre på tavlan)',
		priorities: { high: 'Hög', medium: 'Medel', low: 'Låg' },
		statuses: { draft: 'Utkast', agreed: 'Överenskommet', parked: 'Parkerat', moved: 'Flyttat till annan process' }
	},
	en: {
		register: 'Needs register',
		title: 'Title',
		statement: 'Need statement',
		affected: 'Affected',
		currentSituation: 'Current situation',
		baseline: 'Baseline',
		desiredEffect: 'Desired effect',
		indicators: 'Indicators',
		indicator: 'Indicator',
		unit: 'Unit',
		target: 'Target',
		method: 'Method',
		owner: 'Measured by',
		priority: 'Priority',
		status: 'Status',
		movedTo: 'Moved to',
		sources: 'Sources',
		updated: 'Last changed',
		generated: 'Generated',
		none: '–',
		card: 'Card',
		group: 'Group',
		missing: '(no longer on the board)',
		priorities: { high: 'High', medium: 'Medium', low: 'Low' },
		statuses: { draft: 'Draft', agreed: 'Agreed', parked: 'Parked', moved: 'Moved to another process' }
	}
} as const;

function indicatorText(n: Need, locale: Locale): string {
	const L = LABELS[locale];
	return n.indicators
		.map((i) => `${i.name}${i.unit ? ` (${i.unit})` : ''}: ${i.baseline || L.none} → ${i.target || L.none}${i.method ? `; ${i.method}` : ''}${i.owner ? `; ${i.owner}` : ''}`)
		.join(' | ');
}

function sourceText(s: ResolvedSource, locale: Locale): string {
	const L = LABELS[locale];
	return `${s.workshopTitle}: ${s.kind === 'card' ? L.card : L.group} “${s.label}”${s.missing ? ` ${L.missing}` : ''}`;
}

/** The register as CSV for Swedish Excel (the one CSV writer: `;`, BOM, Stockholm time). */
export function needsCsv(items: Array<{ need: Need; sources: ResolvedSource[] }>, locale: Locale = 'sv'): string {
	const L = LABELS[locale];
	const head = [L.title, L.statement, L.affected, L.currentSituation, L.baseline, L.desiredEffect, L.indicators, L.priority, L.status, L.movedTo, L.sources, L.updated];
	return toCsv(
		head,
		items.map(({ need: n, sources }) => [
			n.title,
			n.statement,
			n.affected,
			n.currentSituation,
			n.baseline,
			n.desiredEffect,
			indicatorText(n, locale),
			L.priorities[n.priority],
			L.statuses[n.status],
			n.movedTo,
			sources.map((s) => sourceText(s, locale)).join(' | '),
			n.updatedAt
		])
	);
}

function field(label: string, value: string, none: string): Paragraph[] {
	return [
		new Paragraph({ children: [new TextRun({ text: label, bold: true })], spacing: { before: 160 } }),
		...(value.trim() ? value.split(/\r?\n/) : [none]).map((line) => new Paragraph({ text: line }))
	];
}

function cell(text: string, header = false): TableCell {
	return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })] });
}

/** A Word document with the whole register, for the process leader to circulate or archive. */
export async function needsDocx(
	initiativeTitle: string,
	items: Array<{ need: Need; sources: ResolvedSource[] }>,
	locale: Locale = 'sv',
	now = new Date()
): Promise<Uint8Array> {
	const L = LABELS[locale];
	const fmt = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' });
	const children: Array<Paragraph | Table> = [
		new Paragraph({ text: `${L.register}: ${initiativeTitle}`, heading: HeadingLevel.TITLE }),
		new Paragraph({ text: `${L.generated} ${fmt.format(now)}`, alignment: AlignmentType.LEFT })
	];
	for (const { need: n, sources } of items) {
		children.push(new Paragraph({ text: n.title, heading: HeadingLevel.HEADING_1, spacing: { before: 400 } }));
		children.push(new Paragraph({ children: [new TextRun({ text: `${L.priority}: ${L.priorities[n.priority]} · ${L.status}: ${L.statuses[n.status]}${n.status === 'moved' && n.movedTo ? ` (${n.movedTo})` : ''}`, italics: true })] }));
		children.push(...field(L.statement, n.statement, L.none));
		children.push(...field(L.affected, n.affected, L.none));
		children.push(...field(L.currentSituation, n.currentSituation, L.none));
		children.push(...field(L.baseline, n.baseline, L.none));
		children.push(...field(L.desiredEffect, n.desiredEffect, L.none));
		children.push(new Paragraph({ text: L.indicators, heading: HeadingLevel.HEADING_2 }));
		if (n.indicators.length) {
			children.push(
				new Table({
					width: { size: 100, type: WidthType.PERCENTAGE },
					rows: [
						new TableRow({ tableHeader: true, children: [L.indicator, L.unit, L.baseline, L.target, L.method, L.owner].map((h) => cell(h, true)) }),
						...n.indicators.map((i) => new TableRow({ children: [i.name, i.unit, i.baseline, i.target, i.method, i.owner].map((v) => cell(v)) }))
					]
				})
			);
		} else children.push(new Paragraph({ text: L.none }));
		children.push(new Paragraph({ text: L.sources, heading: HeadingLevel.HEADING_2 }));
		if (sources.length) for (const s of sources) children.push(new Paragraph({ text: sourceText(s, locale), bullet: { level: 0 } }));
		else children.push(new Paragraph({ text: L.none }));
	}
	const doc = new Document({ creator: 'Brygga', title: `${L.register}: ${initiativeTitle}`, sections: [{ children }] });
	return new Uint8Array(await Packer.toBuffer(doc));
}
