/** Labels of pilots in the reader's language (from `messages/pilots/`). */
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

export const SECTION_LABEL: Record<string, () => string> = {
	goal: m.pilots_section_goal,
	roles: m.pilots_section_roles,
	collaboration: m.pilots_section_collaboration,
	timeline: m.pilots_section_timeline,
	measurement: m.pilots_section_measurement,
	documentation: m.pilots_section_documentation,
	risks: m.pilots_section_risks,
	communication: m.pilots_section_communication,
	economics: m.pilots_section_economics,
	ownership: m.pilots_section_ownership,
	contract: m.pilots_section_contract,
	contract_base: m.pilots_section_contract_base,
	contract_annexes: m.pilots_section_contract_annexes,
	contract_binding: m.pilots_section_contract_binding
};
export const SECTION_HINT: Record<string, () => string> = {
	goal: m.pilots_hint_goal,
	roles: m.pilots_hint_roles,
	collaboration: m.pilots_hint_collaboration,
	documentation: m.pilots_hint_documentation,
	communication: m.pilots_hint_communication,
	economics: m.pilots_hint_economics,
	ownership: m.pilots_hint_ownership,
	contract_base: m.pilots_hint_contract_base,
	contract_annexes: m.pilots_hint_contract_annexes,
	contract_binding: m.pilots_hint_contract_binding
};

export const sectionLabel = (key: string) => SECTION_LABEL[key]?.() ?? key;

export function statusLabel(status: string): string {
	return status === 'met' ? m.pilots_status_met() : status === 'not_met' ? m.pilots_status_not_met() : m.pilots_status_no_data();
}
export function decisionLabel(decision: string): string {
	return decision === 'scale' ? m.pilots_decision_scale() : decision === 'repeat' ? m.pilots_decision_repeat() : m.pilots_decision_stop();
}
export function kindLabel(kind: string): string {
	return kind === 'parallel' ? m.pilots_kind_parallel() : m.pilots_kind_series();
}
export function directionLabel(direction: string): string {
	return direction === 'down' ? m.pilots_direction_down() : m.pilots_direction_up();
}
export function activityStatusLabel(status: string): string {
	return status === 'done' ? m.pilots_activity_done() : status === 'ongoing' ? m.pilots_activity_ongoing() : m.pilots_activity_planned();
}

const locale = () => (getLocale() === 'sv' ? 'sv-SE' : 'en-GB');
/** A measured figure in sv-SE (decimal comma) or en-GB. */
export const num = (v: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(v);
export const sek = (v: number) => new Intl.NumberFormat(locale(), { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }).format(v);
/** A calendar day `YYYY-MM-DD` as the reader writes dates. */
export const day = (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)) : '–');
export const dateTime = (iso: string) => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));

/** Risk score likelihood × impact, and its band (1–4 low, 5–12 medium, 15–25 high). */
export function riskBand(likelihood: number, impact: number): 'low' | 'medium' | 'high' {
	const s = likelihood * impact;
	return s >= 15 ? 'high' : s >= 5 ? 'medium' : 'low';
}

/** The advisor's warnings, in the advisor's own words where it has them. */
export function warningText(w: { code: string; values?: Record<string, number> }): string {
	const v = Object.fromEntries(Object.entries(w.values ?? {}).map(([k, x]) => [k, sek(x)]));
	switch (w.code) {
		case 'splitting_forbidden':
			return m.adv_reason_splitting_forbidden({ total: v.total ?? '', limit: v.limit ?? '' });
		case 'above_eu_threshold':
			return m.adv_reason_above_eu_threshold({ total: v.total ?? '', threshold: v.threshold ?? '' });
		case 'no_direct_award_threshold':
			return m.adv_reason_no_direct_award_threshold();
		case 'no_eu_threshold':
			return m.adv_reason_no_eu_threshold();
		case 'scale_up_exceeds_direct_award':
			return m.pilots_warning_scale_up({ pilot: v.pilotSek ?? '', scaleUp: v.scaleUpSek ?? '', total: v.totalSek ?? '' });
		default:
			return w.code;
	}
}
