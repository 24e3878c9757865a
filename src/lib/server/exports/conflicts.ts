/**
 * The conflicts register (jävsregister, rule 1) as a committee document: barred and flagged
 * supplier organisations, their people, and the evidence with dates. Reaches only those the
 * policy lets read the register (never suppliers).
 */
import { isParticipation, type ConflictEntry, type Evidence } from '../conflicts/index.ts';
import { para, slug, swedishDateTime, type Block, type ExportDocument } from './document.ts';

const LEVEL = {
	barred: 'Utesluten från anbudsgivning – har skrivit i kravspecifikationen',
	flagged: 'Flaggad – har bidragit till tidigare arbete; upphandlaren bedömer'
} as const;

/** What a piece of evidence is, in words. */
export function evidenceLabel(e: Evidence): string {
	if (isParticipation(e)) return `Deltog i den anonyma workshoppen ”${e.workshop.title}”`;
	const doc = e.docName?.split('.')[0];
	if (doc === 'requirements') return 'Kravspecifikationen';
	if (doc === 'brief') return 'Projektdirektivet';
	if (doc === 'workshop') return 'En workshoptavla';
	if (e.source === 'workshop_cards') return 'Workshopkort';
	if (e.source === 'needs') return 'Behovsregistret';
	if (e.source === 'sprint') return 'Deltog i en innovationssprint';
	return e.docName ?? e.source ?? 'Okänt underlag';
}

export function conflictsDocument(initiativeTitle: string, entries: ConflictEntry[], at: Date = new Date()): ExportDocument {
	const blocks: Block[] = [
		para('Registret bygger enbart på plattformens egna uppgifter om vem som har skrivit vad (DOMAIN regel 1): den som har varit med och tagit fram kravställningen får inte lämna anbud.')
	];
	if (!entries.length) blocks.push(para('Inga leverantörsorganisationer finns i registret.', { italic: true }));
	for (const level of ['barred', 'flagged'] as const) {
		const list = entries.filter((e) => e.level === level);
		if (!list.length) continue;
		blocks.push({ kind: 'heading', level: 1, text: level === 'barred' ? 'Uteslutna organisationer' : 'Flaggade organisationer' });
		for (const e of list) {
			blocks.push({ kind: 'heading', level: 2, text: e.organisation.name });
			blocks.push({ kind: 'field', label: 'Status', value: LEVEL[level] });
			blocks.push({ kind: 'field', label: 'Personer', value: e.users.map((u) => u.name).join(', ') || '–' });
			blocks.push({
				kind: 'table',
				caption: `Underlag – ${e.organisation.name}`,
				headers: ['Underlag', 'Ändringar', 'Första', 'Senaste'],
				// Anonymous workshops: participation and the workshop's date only, never counts or times (rule: anonymity).
				rows: e.evidence.map((ev) =>
					isParticipation(ev)
						? [evidenceLabel(ev), 'Bara deltagande', ev.workshop.date, ev.workshop.date]
						: [evidenceLabel(ev), String(ev.updates), swedishDateTime(ev.firstAt), swedishDateTime(ev.lastAt)]
				)
			});
		}
	}
	return {
		kind: 'Jävsregister',
		initiativeTitle,
		meta: [`Uttaget ${swedishDateTime(at)}.`],
		blocks,
		fileBase: `javsregister-${slug(initiativeTitle)}`
	};
}
