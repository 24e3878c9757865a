/**
 * The effect logic (effektlogik) as a committee document: the chain need → activity → result →
 * short-term effect → long-term effect, each step listing what it builds on, so the committee can
 * follow every effect back to a need; plus the needs it starts from.
 */
import type { EffectLogic } from '../needs/index.ts';
import type { EffectItem } from '../db/schema/needs.ts';
import { para, slug, swedishDateTime, type Block, type ExportDocument } from './document.ts';

export interface EffectLogicData {
	logic: EffectLogic;
	needs: Array<{ id: string; title: string; statement: string }>;
}

const STEPS = [
	['activities', 'Aktiviteter', 'Bygger på behov'],
	['outputs', 'Resultat', 'Bygger på aktiviteter'],
	['outcomes', 'Effekter på kort sikt', 'Bygger på resultat'],
	['impacts', 'Effekter på lång sikt', 'Bygger på effekter på kort sikt']
] as const;

export function effectLogicDocument(initiativeTitle: string, data: EffectLogicData): ExportDocument {
	const names = new Map<string, string>(data.needs.map((n) => [n.id, n.title]));
	const blocks: Block[] = [{ kind: 'heading', level: 1, text: 'Behov' }];
	if (data.needs.length) {
		blocks.push({ kind: 'list', ordered: false, items: data.needs.map((n) => ({ level: 0, runs: [{ text: n.title, bold: true }, ...(n.statement ? [{ text: ` – ${n.statement}` }] : [])] })) });
	} else {
		blocks.push(para('Inga behov är registrerade.', { italic: true }));
	}
	for (const [key, heading, linkLabel] of STEPS) {
		const items: EffectItem[] = data.logic[key];
		blocks.push({ kind: 'heading', level: 1, text: heading });
		if (!items.length) {
			blocks.push(para('Inget beskrivet ännu.', { italic: true }));
		} else {
			blocks.push({
				kind: 'table',
				caption: heading,
				headers: [heading.replace(/^Effekter/, 'Effekt').replace(/^Aktiviteter$/, 'Aktivitet'), linkLabel],
				rows: items.map((i) => [i.text, i.links.map((l) => names.get(l) ?? '–').join('; ') || '–'])
			});
		}
		for (const i of items) names.set(i.id, i.text);
	}
	return {
		kind: 'Effektlogik',
		initiativeTitle,
		meta: [data.logic.updatedAt ? `Senast ändrad ${swedishDateTime(data.logic.updatedAt)}.` : 'Effektlogiken har inte sparats ännu.'],
		blocks,
		fileBase: `effektlogik-${slug(initiativeTitle)}`
	};
}
