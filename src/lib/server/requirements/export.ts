/**
 * A published version as a Word document (DOCX), in Swedish: the specification grouped by
 * section, each requirement with its id, kind and obligation, text, rationale, linked needs and verification,
 * and the version's hash so a reader can check it against the platform. The requirement text
 * comes from the version's plain-text projection: paragraphs stay paragraphs and bullet items
 * become Word bullet items (bold and italic are not part of a version, see `versions.ts`).
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { VersionContent } from './versions.ts';
import type { RequirementJson } from '../../shapes/requirements.ts';

/** Swedish names of the two axes of a requirement's type (the DOCX is in Swedish). */
export const KIND_LABELS_SV: Record<RequirementJson['kind'], string> = {
	function: 'Funktionskrav',
	performance: 'Prestandakrav',
	usability: 'Användbarhetskrav',
	security: 'Säkerhetskrav',
	integration: 'Integrationskrav',
	sustainability: 'Miljö- och hållbarhetskrav',
	other: 'Övrigt krav'
};
export const OBLIGATION_LABELS_SV: Record<RequirementJson['obligation'], string> = {
	ska: 'Ska-krav',
	bor: 'Bör-krav',
	award: 'Tilldelningskriterium'
};

/** Groups requirements by section, in document order; requirements without a section come first. */
export function groupBySection(v: Pick<VersionContent, 'sections' | 'requirements'>) {
	const groups: Array<{ title: string | null; requirements: RequirementJson[] }> = [];
	const loose = v.requirements.filter((r) => !r.section || !v.sections.some((s) => s.id === r.section));
	if (loose.length) groups.push({ title: null, requirements: loose });
	for (const s of v.sections) {
		const rs = v.requirements.filter((r) => r.section === s.id);
		groups.push({ title: s.title, requirements: rs });
	}
	return groups;
}

/**
 * A requirement text (its plain-text projection, see `fragmentText` in the model) as Word
 * paragraphs: one per line, lines starting with "• " as bullet list items (two spaces of indent
 * per nesting level).
 */
export function paragraphs(text: string): Paragraph[] {
	return text.split(/\n/).map((line) => {
		const bullet = /^((?:  )*)• (.*)$/.exec(line);
		if (bullet) return new Paragraph({ bullet: { level: Math.min(bullet[1].length / 2, 8) }, children: [new TextRun(bullet[2])] });
		return new Paragraph({ children: [new TextRun(line)] });
	});
}

export async function versionDocx(v: VersionContent, opts: { initiativeTitle: string; sha256: string; needTitles: Map<string, string> }): Promise<Uint8Array> {
	const date = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(v.publishedAt));
	const children: Paragraph[] = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`Kravspecifikation – ${opts.initiativeTitle}`)] }),
		new Paragraph({ children: [new TextRun({ text: `Version ${v.version}`, bold: true }), new TextRun(`, publicerad ${date} av ${v.publishedBy.name}`)] }),
		new Paragraph({ children: [new TextRun({ text: `SHA-256: ${opts.sha256}`, size: 16 })] })
	];
	if (v.note) children.push(new Paragraph({ children: [new TextRun({ text: v.note, italics: true })] }));
	for (const group of groupBySection(v)) {
		if (group.title !== null) children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(group.title || 'Avsnitt utan rubrik')] }));
		for (const r of group.requirements) {
			children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${r.id} · ${KIND_LABELS_SV[r.kind]} · ${OBLIGATION_LABELS_SV[r.obligation]}`)] }));
			children.push(...paragraphs(r.text || '—'));
			if (r.rationale) {
				children.push(new Paragraph({ children: [new TextRun({ text: 'Motivering: ', bold: true }), new TextRun(r.rationale)] }));
			}
			if (r.needIds.some((id) => opts.needTitles.has(id))) {
				// Ids are resolved inside the initiative before this is called (`need-links.ts`).
				const names = r.needIds.flatMap((id) => opts.needTitles.get(id) ?? []).join('; ');
				children.push(new Paragraph({ children: [new TextRun({ text: 'Behov: ', bold: true }), new TextRun(names)] }));
			}
			if (r.verification) {
				children.push(new Paragraph({ children: [new TextRun({ text: 'Verifiering: ', bold: true }), new TextRun(r.verification)] }));
			}
		}
	}
	const doc = new Document({
		creator: 'Brygga',
		title: `Kravspecifikation version ${v.version}`,
		sections: [{ children }]
	});
	return new Uint8Array(await Packer.toBuffer(doc));
}
