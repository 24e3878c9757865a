/**
 * Formatting for the initiative pages in the reader's language: Swedish formats (sv-SE, "450 000 kr",
 * "22 nov. 2026 14:05") by default, British English when English is chosen.
 */
import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';

export const PHASE_KEYS = ['initiate', 'needs', 'dialogue', 'sprint', 'procure', 'pilot', 'evaluate'] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];

/**
 * Phases Brygga has no pages for yet. The stepper shows them as "kommer i en senare fas" without
 * a link, instead of sending people to a page that belongs to another phase (e.g. market dialogue
 * is not the procedure advisor, which is part of procuring).
 */
export const PHASES_WITHOUT_PAGES: readonly PhaseKey[] = ['pilot', 'evaluate'];
export type RoleKey = 'process_leader' | 'team' | 'observer';
export type LabelKey = 'needs_owner' | 'procurement_officer' | 'operations' | 'expert';

function intlLocale(): string {
	return getLocale() === 'en' ? 'en-GB' : 'sv-SE';
}

/** Whole kronor as currency, e.g. "450 000 kr". */
export function formatSek(value: number): string {
	return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }).format(value);
}

/** Whole kronor without currency, for form fields, e.g. "450 000". */
export function formatAmount(value: number): string {
	return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 0 }).format(value);
}

export function formatDate(value: Date | string): string {
	return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium' }).format(new Date(value));
}

export function formatDateTime(value: Date | string): string {
	return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function phaseName(phase: string): string {
	const names: Record<PhaseKey, () => string> = {
		initiate: m.phase_initiate,
		needs: m.phase_needs,
		dialogue: m.phase_dialogue,
		sprint: m.phase_sprint,
		procure: m.phase_procure,
		pilot: m.phase_pilot,
		evaluate: m.phase_evaluate
	};
	return (names as Record<string, () => string>)[phase]?.() ?? phase;
}

export function roleName(role: string): string {
	const names: Record<RoleKey, () => string> = {
		process_leader: m.role_process_leader,
		team: m.role_team,
		observer: m.role_observer
	};
	return (names as Record<string, () => string>)[role]?.() ?? role;
}

export function labelName(label: string | null | undefined): string {
	if (!label) return '';
	const names: Record<LabelKey, () => string> = {
		needs_owner: m.label_needs_owner,
		procurement_officer: m.label_procurement_officer,
		operations: m.label_operations,
		expert: m.label_expert
	};
	return (names as Record<string, () => string>)[label]?.() ?? label;
}

/** "Teammedlem (Upphandlare)" or "Observatör". */
export function roleWithLabel(role: string, label: string | null | undefined): string {
	return label ? `${roleName(role)} (${labelName(label)})` : roleName(role);
}
