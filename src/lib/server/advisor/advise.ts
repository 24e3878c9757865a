/**
 * The procedure advisor, as a pure function: given the purchase, the thresholds in force and
 * what the organisation already bought of the same kind this year, which procedures fit and why.
 *
 * Texts are Swedish (the pros and cons follow the table in seed 000, "Ett urval av
 * upphandlingsförfaranden"); reasons are codes the pages translate, with the figures attached.
 * The advice is guidance for the procurement officer, not a legal decision.
 */
import type { BuyerKind, PurchaseKind } from '../db/schema/requirements.ts';

export const MARKET_SITUATIONS = ['exists', 'needs_adaptation', 'not_on_market', 'unknown'] as const;
export type MarketSituation = (typeof MARKET_SITUATIONS)[number];

export const PROCEDURES = [
	'direct_award',
	'open_or_simplified',
	'negotiated',
	'competitive_dialogue',
	'innovation_partnership',
	'pre_commercial'
] as const;
export type Procedure = (typeof PROCEDURES)[number];

export type Fit = 'good' | 'possible' | 'unsuitable';

/** Purchases above this need documented reasons even under the direct-award limit (seed 000; LOU 19 kap. 30 §). */
export const DOCUMENTATION_LIMIT_SEK = 100_000;

export interface AdviceInput {
	estimatedValueSek: number;
	purchaseKind: PurchaseKind;
	buyerKind: BuyerKind;
	marketSituation: MarketSituation;
	needsRnd: boolean;
}

export interface ThresholdUsed {
	name: 'direct_award' | 'eu_threshold';
	sek: number;
	validFrom: string;
	validTo: string | null;
	/** When the figure must be checked again (see review.ts); null when no review is due. */
	reviewBy: string | null;
	/** True when the threshold is past its review date on the day of the advice. */
	reviewOverdue: boolean;
	source: string;
}

export interface Reason {
	code: string;
	/** Figures the message needs (SEK amounts). */
	values?: Record<string, number>;
}

export interface Recommendation {
	procedure: Procedure;
	fit: Fit;
	reasons: Reason[];
	/** Swedish texts, in seed 000's words. */
	pros: string[];
	cons: string[];
	/** Stable keys of the same pros and cons, for translated pages. */
	prosKeys: string[];
	consKeys: string[];
	/** Typical shortest calendar time from advertisement (or first contact) to contract. */
	minimumWeeks: number;
	/** True when choosing this needs a documented reason (direct award above 100 000 SEK). */
	requiresReason?: boolean;
}

export interface Aggregation {
	/** Other purchases of the same kind by the organisation this (calendar) year, SEK. */
	sameKindSek: number;
	/** What is left under the direct-award limit once those and this purchase are counted (never negative). */
	remainingUnderDirectAwardSek: number;
	/** This purchase plus the others. */
	totalSek: number;
	/** Initiatives counted in `sameKindSek` that the caller may see (is a member of). */
	initiatives: Array<{ id: string; title: string; estimatedValueSek: number }>;
	/** The organisation's other same-kind initiatives counted in `sameKindSek` but not shown to the caller. */
	hidden: { count: number; estimatedValueSek: number };
}

export interface Advice {
	recommendations: Recommendation[];
	thresholdsUsed: ThresholdUsed[];
	aggregation: Aggregation;
	warnings: Reason[];
	/** The figure that decides between national and EU rules ("över/under tröskelvärdet"). */
	aboveEuThreshold: boolean;
}

/**
 * Pros and cons per procedure: seed 000's table ("Ett urval av upphandlingsförfaranden"), completed
 * from Upphandlingsmyndigheten's guidance where 000 is silent. Each has a stable key (the pages
 * translate by key) and its Swedish text (what the API returns).
 */
export const PROS_CONS: Record<Procedure, { pros: Array<[string, string]>; cons: Array<[string, string]> }> = {
	direct_award: {
		pros: [
			['da_freedom', 'Stor frihet vid prövning och utvärdering av anbud'],
			['da_no_min_time', 'Inga minimitider'],
			['da_low_review_risk', 'Liten risk för överprövning'],
			['da_no_formal', 'Inga formella krav enligt LOU (stor frihet att komplettera anbud)'],
			['da_no_advert', 'Ska konkurrensutsättas men behöver inte annonseras']
		],
		cons: [
			['da_no_options', 'Ingen möjlighet till optioner (över direktupphandlingsgränsen)'],
			['da_own_policies', 'Varje beställare har egna policys för hur direktupphandling görs'],
			['da_no_scaling', 'Löser inte uppskalning över direktupphandlingsgränsen över tid']
		]
	},
	open_or_simplified: {
		pros: [
			['open_competition', 'Alla leverantörer kan lämna anbud – störst konkurrens och öppenhet'],
			['open_known', 'Välkänt förfarande med etablerad praxis'],
			['open_predictable', 'Förutsägbar tidplan']
		],
		cons: [
			['open_full_spec', 'Förutsätter att behovet kan beskrivas fullt ut i förfrågningsunderlaget'],
			['open_no_dialogue', 'Ingen förhandling eller dialog med leverantörerna (öppet förfarande)'],
			['open_not_new', 'Passar dåligt när lösningen inte finns på marknaden']
		]
	},
	negotiated: {
		pros: [
			['neg_faster', 'Snabbare och enklare variant av konkurrenspräglad dialog'],
			['neg_two_steps', 'Bjuder in leverantörer till dialog; förfrågningsunderlaget görs i två steg'],
			['neg_knowledge', 'Nyttjar leverantörernas kunskaper']
		],
		cons: [
			['neg_long', 'Relativt lång process (30 + 30 dagar i annonsering över tröskelvärdet, rimlig processtid 6–12 månader)'],
			['neg_min_times', 'Minimifrister ska följas (EU-direktivstyrt)'],
			['neg_grounds', 'Över tröskelvärdet krävs särskilda förutsättningar (LOU 6 kap. 12 §)']
		]
	},
	competitive_dialogue: {
		pros: [
			['kpd_codesign', 'Lösningen tas fram i dialog med leverantörerna'],
			['kpd_complex', 'Passar komplexa behov där myndigheten inte kan ange de tekniska lösningarna i förväg'],
			['kpd_knowledge', 'Nyttjar leverantörernas kunskaper']
		],
		cons: [
			['kpd_long', 'Lång och resurskrävande process'],
			['kpd_min_times', 'Minimifrister ska följas'],
			['kpd_clear_needs', 'Kräver tydliga behov och funktionskrav innan dialogen startar']
		]
	},
	innovation_partnership: {
		pros: [
			['ip_structured', 'Strukturerad arbetsmetod och partnerskapsavtal som reglerar samverkan'],
			['ip_option', 'Option att köpa den utvecklade produkten'],
			['ip_knowledge', 'Nyttjar leverantörens kunskaper'],
			['ip_long_term', 'Underlättar långsiktigt samarbete']
		],
		cons: [
			['ip_advanced', 'Avancerat upplägg'],
			['ip_formal', 'Formella krav enligt LOU och risk för överprövning'],
			['ip_separate_rnd', 'Krav på separat forsknings- och utvecklingsverksamhet'],
			['ip_no_case_law', 'Praxis saknas'],
			['ip_min_times', 'Minimifrister ska följas']
		]
	},
	pre_commercial: {
		pros: [
			['pcp_phased', 'Köper forsknings- och utvecklingstjänster i konkurrens mellan flera leverantörer, i faser'],
			['pcp_shared_risk', 'Risken delas mellan köpare och leverantörer; leverantörerna behåller ofta immateriella rättigheter'],
			['pcp_outside_lou', 'Undantaget från LOU (3 kap. 23 §) – stor frihet att utforma processen']
		],
		cons: [
			['pcp_no_purchase', 'Omfattar inte köp av färdiga produkter i större skala – en ny upphandling krävs efteråt'],
			['pcp_conditions', 'Kräver att utvecklingsresultaten inte enbart tillfaller myndigheten och att den inte betalar hela kostnaden'],
			['pcp_long', 'Lång tid (ofta 1–2 år) och kräver uthållighet och finansiering']
		]
	}
};

const WEEKS: Record<Procedure, number> = {
	// No minimum time: a few weeks to ask for quotes, compare and sign.
	direct_award: 2,
	// Below the threshold a "reasonable" tender period; above, 30–35 days plus evaluation and 10 days' standstill.
	open_or_simplified: 6,
	negotiated: 12,
	competitive_dialogue: 26,
	innovation_partnership: 26,
	pre_commercial: 26
};

function weeksFor(p: Procedure, aboveEu: boolean): number {
	if (p === 'open_or_simplified') return aboveEu ? 10 : WEEKS[p];
	return WEEKS[p];
}

/**
 * The advice. `sameKindSek` is what the organisation already plans or bought of the same kind
 * this year (other initiatives), added to this purchase for the direct-award test.
 */
export function advise(
	input: AdviceInput,
	thresholds: { directAward: ThresholdUsed | null; euThreshold: ThresholdUsed | null },
	aggregationIn: { sameKindSek: number; initiatives?: Aggregation['initiatives']; hidden?: Aggregation['hidden'] }
): Advice {
	const value = Math.max(0, Math.round(input.estimatedValueSek));
	const other = Math.max(0, Math.round(aggregationIn.sameKindSek));
	const total = value + other;
	const da = thresholds.directAward?.sek ?? null;
	const eu = thresholds.euThreshold?.sek ?? null;
	const aboveEu = eu !== null && total >= eu;
	const m = input.marketSituation;
	const rnd = input.needsRnd;
	const warnings: Reason[] = [];
	if (da === null) warnings.push({ code: 'no_direct_award_threshold' });
	if (eu === null) warnings.push({ code: 'no_eu_threshold' });

	const rec = (procedure: Procedure, fit: Fit, reasons: Reason[], extra: Partial<Recommendation> = {}): Recommendation => ({
		procedure,
		fit,
		reasons,
		pros: PROS_CONS[procedure].pros.map(([, text]) => text),
		cons: PROS_CONS[procedure].cons.map(([, text]) => text),
		prosKeys: PROS_CONS[procedure].pros.map(([key]) => key),
		consKeys: PROS_CONS[procedure].cons.map(([key]) => key),
		minimumWeeks: weeksFor(procedure, aboveEu),
		...extra
	});

	// Direct award: only when the purchase plus same-kind purchases this year stay within the limit.
	const direct: Reason[] = [];
	let directFit: Fit;
	if (da === null) {
		directFit = 'unsuitable';
		direct.push({ code: 'direct_unknown_limit' });
	} else if (total <= da) {
		directFit = m === 'not_on_market' || rnd ? 'possible' : 'good';
		direct.push({ code: 'direct_within_limit', values: { total, limit: da } });
		if (directFit === 'possible') direct.push({ code: 'direct_pilot_only' });
	} else if (value <= da) {
		directFit = 'unsuitable';
		direct.push({ code: 'direct_aggregation_exceeds', values: { value, sameKind: other, total, limit: da } });
		warnings.push({ code: 'splitting_forbidden', values: { total, limit: da } });
	} else {
		directFit = 'unsuitable';
		direct.push({ code: 'direct_over_limit', values: { value, limit: da } });
	}
	const requiresReason = value > DOCUMENTATION_LIMIT_SEK;
	if (requiresReason && directFit !== 'unsuitable') direct.push({ code: 'direct_document_reason', values: { limit: DOCUMENTATION_LIMIT_SEK } });

	const scale: Reason = aboveEu
		? { code: 'above_eu_threshold', values: { total, threshold: eu! } }
		: { code: 'below_eu_threshold', values: { total, threshold: eu ?? 0 } };

	// Open procedure (above the threshold) or the simplified procedure (below): buy what exists.
	const open: Reason[] = [scale];
	let openFit: Fit;
	if (m === 'exists') {
		openFit = 'good';
		open.push({ code: 'market_exists' });
	} else if (m === 'needs_adaptation' || m === 'unknown') {
		openFit = rnd ? 'unsuitable' : 'possible';
		open.push({ code: m === 'unknown' ? 'market_unknown_rfi' : 'market_needs_adaptation' });
	} else {
		openFit = 'unsuitable';
		open.push({ code: 'market_missing' });
	}
	if (rnd) open.push({ code: 'rnd_not_covered' });

	// Negotiated procedure with prior publication: adaptation of what exists.
	const neg: Reason[] = [scale];
	let negFit: Fit;
	if (m === 'needs_adaptation') {
		negFit = 'good';
		neg.push({ code: 'market_needs_adaptation' });
	} else if (m === 'unknown' || (m === 'not_on_market' && !rnd)) {
		negFit = 'possible';
		neg.push({ code: m === 'unknown' ? 'market_unknown_rfi' : 'market_missing' });
	} else if (m === 'exists') {
		negFit = aboveEu ? 'unsuitable' : 'possible';
		neg.push({ code: 'market_exists_no_grounds' });
	} else {
		negFit = 'unsuitable';
		neg.push({ code: 'rnd_not_covered' });
	}

	// Competitive dialogue: complex needs where the solution is not known in advance.
	const kpd: Reason[] = [];
	let kpdFit: Fit;
	if (m === 'needs_adaptation' || m === 'unknown') {
		kpdFit = rnd ? 'possible' : 'good';
		kpd.push({ code: m === 'unknown' ? 'market_unknown_dialogue' : 'market_needs_adaptation' });
	} else if (m === 'not_on_market') {
		kpdFit = 'possible';
		kpd.push({ code: 'market_missing' });
	} else {
		kpdFit = 'unsuitable';
		kpd.push({ code: 'market_exists' });
	}
	if (!aboveEu && kpdFit !== 'unsuitable') kpd.push({ code: 'heavy_for_value', values: { total } });

	// Innovation partnership: develop and then buy a solution that does not exist yet.
	const ip: Reason[] = [];
	let ipFit: Fit;
	if (m === 'not_on_market' && rnd) {
		ipFit = 'good';
		ip.push({ code: 'market_missing' }, { code: 'rnd_and_purchase' });
	} else if (m === 'not_on_market' || (rnd && (m === 'needs_adaptation' || m === 'unknown'))) {
		ipFit = 'possible';
		ip.push({ code: rnd ? 'rnd_and_purchase' : 'market_missing' });
	} else {
		ipFit = 'unsuitable';
		ip.push({ code: m === 'exists' ? 'market_exists' : 'no_rnd' });
	}

	// Pre-commercial procurement: R&D services only, outside LOU.
	const pcp: Reason[] = [];
	let pcpFit: Fit;
	if (rnd && (m === 'not_on_market' || m === 'unknown')) {
		pcpFit = 'good';
		pcp.push({ code: 'rnd_services_only' });
	} else if (rnd) {
		pcpFit = 'possible';
		pcp.push({ code: 'rnd_services_only' });
	} else {
		pcpFit = 'unsuitable';
		pcp.push({ code: 'no_rnd' });
	}
	if (input.purchaseKind !== 'services' && pcpFit !== 'unsuitable') pcp.push({ code: 'pcp_services_kind' });

	const order: Record<Fit, number> = { good: 0, possible: 1, unsuitable: 2 };
	const recommendations = [
		rec('direct_award', directFit, direct, requiresReason ? { requiresReason: true } : {}),
		rec('open_or_simplified', openFit, open),
		rec('negotiated', negFit, neg),
		rec('competitive_dialogue', kpdFit, kpd),
		rec('innovation_partnership', ipFit, ip),
		rec('pre_commercial', pcpFit, pcp)
	]
		.map((r, i) => ({ r, i }))
		.sort((a, b) => order[a.r.fit] - order[b.r.fit] || a.i - b.i)
		.map(({ r }) => r);

	const thresholdsUsed = [thresholds.directAward, thresholds.euThreshold].filter((t): t is ThresholdUsed => t !== null);
	return {
		recommendations,
		thresholdsUsed,
		aggregation: {
			sameKindSek: other,
			remainingUnderDirectAwardSek: da === null ? 0 : Math.max(0, da - total),
			totalSek: total,
			initiatives: aggregationIn.initiatives ?? [],
			hidden: aggregationIn.hidden ?? { count: 0, estimatedValueSek: 0 }
		},
		warnings,
		aboveEuThreshold: aboveEu
	};
}
