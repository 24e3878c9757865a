/**
 * The final report (slutrapport, issue 16): the registered sections (`sections.ts`) in order,
 * each built as the viewer may read it, rendered the same way as a JSON document, a printable
 * page and a Word file (through the committee documents' `ExportDocument` and `renderDocx`).
 */
import { eq } from 'drizzle-orm';
import { initiatives } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { Actor } from '../access/policy.ts';
import { slug, swedishDateTime, type Block, type ExportDocument } from '../exports/document.ts';
import { reportSections, type ReportSection } from './sections.ts';
import './builtin.ts';
import './lessons.ts';

export interface Report {
	initiativeId: string;
	initiativeTitle: string;
	generatedAt: string;
	sections: Array<ReportSection & { key: string }>;
}

/** The report of an initiative as `viewer` may read it. The caller has asked the policy for `report`. */
export async function buildReport(db: Db, viewer: Actor, initiativeId: string, now: Date): Promise<Report | null> {
	const [ini] = await db.select({ title: initiatives.title }).from(initiatives).where(eq(initiatives.id, initiativeId)).limit(1);
	if (!ini) return null;
	const sections: Report['sections'] = [];
	// One after the other: sections share the connection (PGlite has one) and are few.
	for (const def of reportSections()) {
		const section = await def.build(db, initiativeId, viewer);
		if (section) sections.push({ key: def.key, ...section });
	}
	return { initiativeId, initiativeTitle: ini.title, generatedAt: now.toISOString(), sections };
}

/** The report as a committee document: section titles are level-1 headings, the sections' own headings level 2. */
export function reportDocument(report: Report): ExportDocument {
	const blocks: Block[] = [];
	for (const s of report.sections) {
		blocks.push({ kind: 'heading', level: 1, text: s.title });
		let caption = s.title;
		for (const b of s.blocks) {
			if (b.kind === 'table') blocks.push({ kind: 'table', caption, headers: b.columns, rows: b.rows });
			else if (b.kind === 'heading') {
				caption = b.text;
				blocks.push({ kind: 'heading', level: 2, text: b.text });
			} else blocks.push({ kind: 'paragraph', runs: [{ text: b.text }] });
		}
	}
	return {
		kind: 'Slutrapport',
		initiativeTitle: report.initiativeTitle,
		meta: [`Sammanställd ${swedishDateTime(report.generatedAt)} ur Brygga`],
		blocks,
		fileBase: `slutrapport-${slug(report.initiativeTitle)}`
	};
}

export { registerReportSection, reportSections, type ReportBlock, type ReportSection, type ReportSectionDefinition } from './sections.ts';
