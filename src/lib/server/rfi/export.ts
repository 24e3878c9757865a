/**
 * A round exported for the file and for requests for public records: CSV (Swedish Excel) and
 * DOCX, each in two versions. The **internal** version has every answer and the team's notes.
 * The **public** version replaces every part under a confidentiality request with a marker that
 * gives the supplier's stated reason (OSL 31:16 is then decided case by case by the authority;
 * the marker shows what was asked to be withheld and why) and leaves out the team's notes.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { ConfidentialityRequest, RfiAnswer } from '../db/schema/rfi.ts';
import type { QuestionView, ResponseView, ClarificationView } from './queries.ts';
import type { CsvCell } from '../csv/index.ts';

export type ExportVersion = 'internal' | 'public';

export interface RoundForExport {
	title: string;
	buyer: string;
	initiativeTitle: string;
	publishedAt: string | null;
	answersDeadline: string;
	summary: string;
	marketFinding: string | null;
	questions: QuestionView[];
	responses: ResponseView[];
	clarifications: ClarificationView[];
}

const FINDING_SV: Record<string, string> = {
	exists: 'Lösningar finns på marknaden',
	needs_adaptation: 'Lösningar finns men behöver anpassas',
	not_available: 'Lösningar finns inte på marknaden'
};

const stockholm = (iso: string) =>
	new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' }).format(new Date(iso));

/** The confidentiality request that covers this answer, if any (a request without question covers the whole response). */
export function coveringRequest(answerQuestionId: string, requests: ConfidentialityRequest[]): ConfidentialityRequest | null {
	return requests.find((r) => r.questionId === answerQuestionId) ?? requests.find((r) => !r.questionId) ?? null;
}

export const marker = (r: ConfidentialityRequest) => `[Sekretess begärd av leverantören – ${r.what}. Skäl: ${r.why}]`;

/** An answer as text: choices joined, a scale as "4 av 5", files by name and hash. */
export function answerText(q: QuestionView | undefined, a: RfiAnswer | undefined, response: ResponseView): string {
	if (!a || a.value === null) return '';
	if (q?.kind === 'scale' && typeof a.value === 'number') return `${a.value} av 5`;
	if (q?.kind === 'file') {
		const ids = Array.isArray(a.value) ? a.value : [a.value];
		return ids.map((id) => response.files.find((f) => f.id === id)).filter(Boolean).map((f) => `${f!.name} (SHA-256 ${f!.sha256})`).join('; ');
	}
	return Array.isArray(a.value) ? a.value.join('; ') : String(a.value);
}

/** The value shown in the given version: the answer, or the marker where confidentiality was requested. */
export function shownAnswer(version: ExportVersion, q: QuestionView, response: ResponseView): string {
	const a = response.answers.find((x) => x.questionId === q.id);
	if (version === 'public') {
		const covering = coveringRequest(q.id, response.confidentiality);
		if (covering && a && a.value !== null) return marker(covering);
	}
	return answerText(q, a, response);
}

/** The CSV: a header and one row per supplier and question (written by the one CSV writer, `csv/`). */
export function exportRows(round: RoundForExport, version: ExportVersion): { header: string[]; rows: CsvCell[][] } {
	const header = ['Leverantör', 'Inlämnat', 'Fråga nr', 'Fråga', 'Svar', 'Sekretess begärd', ...(version === 'internal' ? ['Poäng', 'Etiketter', 'Anteckning'] : [])];
	const rows: CsvCell[][] = [];
	for (const r of round.responses) {
		for (const q of round.questions) {
			const a = r.answers.find((x) => x.questionId === q.id);
			if (!a && q.removed) continue;
			const covering = coveringRequest(q.id, r.confidentiality);
			const note = r.notes.find((n) => n.questionId === q.id);
			rows.push([
				r.organisation.name,
				new Date(r.submittedAt),
				q.position + 1,
				q.text,
				shownAnswer(version, q, r),
				covering && a && a.value !== null ? `${covering.what} – ${covering.why}` : '',
				...(version === 'internal' ? [note?.score ?? null, (note?.tags ?? []).join(', '), note?.note ?? ''] : [])
			]);
		}
	}
	return { header, rows };
}

/** The round as a Word document: questions, each supplier's answer, clarifications, the analysis. */
export async function exportDocx(round: RoundForExport, version: ExportVersion): Promise<Uint8Array> {
	const p = (text: string, opts: { bold?: boolean; size?: number } = {}) => new Paragraph({ children: [new TextRun({ text, ...opts })] });
	const children: Paragraph[] = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`RFI – ${round.title}`)] }),
		p(`${round.buyer} · ${round.initiativeTitle}`),
		p(`Publicerad ${round.publishedAt ? stockholm(round.publishedAt) : '—'}, sista dag för svar ${stockholm(round.answersDeadline)}. ${round.responses.length} svar.`),
		new Paragraph({
			alignment: AlignmentType.LEFT,
			children: [
				new TextRun({
					text:
						version === 'public'
							? 'Offentlig version: delar som leverantören begärt sekretess för är ersatta med en markering och leverantörens skäl.'
							: 'Intern version: alla svar och teamets anteckningar. Lämna inte ut utan sekretessprövning.',
					italics: true
				})
			]
		})
	];
	for (const q of round.questions.filter((x) => !x.removed)) {
		children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`Fråga ${q.position + 1}. ${q.text}`)] }));
		for (const r of round.responses) {
			children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(r.organisation.name)] }));
			const shown = shownAnswer(version, q, r);
			for (const line of (shown || '(inget svar)').split(/\r?\n/)) children.push(p(line));
			const note = r.notes.find((n) => n.questionId === q.id);
			if (version === 'internal' && note && (note.score != null || note.note || note.tags.length)) {
				children.push(p(`Teamets anteckning: ${[note.score != null ? `${note.score}/5` : '', note.tags.join(', '), note.note].filter(Boolean).join(' · ')}`, { size: 18 }));
			}
		}
	}
	const published = round.clarifications.filter((c) => c.publishedAt);
	if (published.length) {
		children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Frågor och svar till alla')] }));
		for (const c of published) {
			children.push(p(`${c.kind === 'notice' ? 'Information' : 'Fråga'} (${stockholm(c.publishedAt!)}): ${c.question}`, { bold: true }));
			for (const line of (c.answer ?? '').split(/\r?\n/)) children.push(p(line));
		}
	}
	children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Analys')] }));
	children.push(p(`Vad rundan visade om marknaden: ${round.marketFinding ? FINDING_SV[round.marketFinding] : 'inte bedömt än'}`));
	for (const line of (round.summary || '(ingen sammanfattning än)').split(/\r?\n/)) children.push(p(line));
	const doc = new Document({ creator: 'Brygga', title: `RFI – ${round.title}`, sections: [{ children }] });
	return new Uint8Array(await Packer.toBuffer(doc));
}
