/**
 * The procedure decision (val av upphandlingsförfarande) as a committee document: what was
 * chosen, why, on which figures and thresholds, by whom and when — the documentation LOU asks
 * for, notably the reasons for a direct award above 100 000 SEK.
 */
import type { ProcedureDecision } from '../advisor/index.ts';
import { para, slug, swedishDate, swedishDateTime, swedishSek, type Block, type ExportDocument } from './document.ts';

export const PROCEDURE_SV: Record<ProcedureDecision['procedure'], string> = {
	direct_award: 'Direktupphandling',
	open_or_simplified: 'Öppet eller förenklat förfarande',
	negotiated: 'Förhandlat förfarande',
	competitive_dialogue: 'Konkurrenspräglad dialog',
	innovation_partnership: 'Innovationspartnerskap',
	pre_commercial: 'Förkommersiell upphandling (FKU)'
};

const PURCHASE_SV: Record<ProcedureDecision['purchaseKind'], string> = {
	goods: 'Varor',
	services: 'Tjänster',
	works: 'Byggentreprenad',
	social_services: 'Sociala tjänster',
	welfare_services: 'Välfärdstjänster'
};

const BUYER_SV: Record<ProcedureDecision['buyerKind'], string> = {
	municipality_region: 'Kommun eller region',
	central_government: 'Statlig myndighet'
};

const MARKET_SV: Record<ProcedureDecision['marketSituation'], string> = {
	exists: 'Lösningar finns på marknaden',
	needs_adaptation: 'Lösningar finns men behöver anpassas',
	not_on_market: 'Lösningen finns inte på marknaden',
	unknown: 'Vet inte'
};

const FIT_SV: Record<string, string> = { good: 'Passar väl', possible: 'Möjligt', unsuitable: 'Passar inte' };

const THRESHOLD_SV = { direct_award: 'Direktupphandlingsgräns', eu_threshold: 'EU:s tröskelvärde' } as const;

/** The saved decision as a document, or null when no procedure has been chosen. */
export function procedureDocument(initiativeTitle: string, decision: ProcedureDecision | null): ExportDocument | null {
	if (!decision) return null;
	const blocks: Block[] = [
		{ kind: 'heading', level: 1, text: 'Beslut' },
		{ kind: 'field', label: 'Valt förfarande', value: PROCEDURE_SV[decision.procedure] ?? decision.procedure },
		{ kind: 'field', label: 'Rådgivarens bedömning', value: FIT_SV[decision.fit] ?? decision.fit },
		{ kind: 'heading', level: 2, text: 'Motivering' },
		para(decision.reasoning)
	];
	if (decision.directAwardReason) {
		blocks.push({ kind: 'heading', level: 2, text: 'Skäl för direktupphandling' }, para(decision.directAwardReason));
	}
	blocks.push(
		{ kind: 'heading', level: 1, text: 'Underlag' },
		{ kind: 'field', label: 'Uppskattat värde', value: swedishSek(decision.estimatedValueSek) },
		{ kind: 'field', label: 'Vad köps', value: PURCHASE_SV[decision.purchaseKind] ?? decision.purchaseKind },
		{ kind: 'field', label: 'Upphandlande organisation', value: BUYER_SV[decision.buyerKind] ?? decision.buyerKind },
		{ kind: 'field', label: 'Marknadsläge', value: MARKET_SV[decision.marketSituation] ?? decision.marketSituation },
		{ kind: 'field', label: 'Kräver forskning och utveckling', value: decision.needsRnd ? 'Ja' : 'Nej' }
	);
	if (decision.thresholdsUsed.length) {
		blocks.push({
			kind: 'table',
			caption: 'Tröskelvärden som användes',
			headers: ['Värde', 'Belopp', 'Gäller från', 'Källa'],
			rows: decision.thresholdsUsed.map((t) => [THRESHOLD_SV[t.name] ?? t.name, swedishSek(t.sek), swedishDate(t.validFrom), t.source])
		});
	}
	return {
		kind: 'Val av upphandlingsförfarande',
		initiativeTitle,
		meta: [`Beslutat ${swedishDateTime(decision.decidedAt)} av ${decision.decidedBy.name}.`],
		blocks,
		fileBase: `forfarande-${slug(initiativeTitle)}`
	};
}
