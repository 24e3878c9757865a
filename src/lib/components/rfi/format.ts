/** Labels and date formats of the RFI pages, in the reader's language (sv-SE first, Stockholm time). */
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

export type RfiStatus = 'draft' | 'open_for_questions' | 'open_for_answers' | 'closed';

export function statusLabel(status: string): string {
	switch (status) {
		case 'draft':
			return m.rfi_status_draft();
		case 'open_for_questions':
			return m.rfi_status_open_for_questions();
		case 'open_for_answers':
			return m.rfi_status_open_for_answers();
		default:
			return m.rfi_status_closed();
	}
}

export function kindLabel(kind: string): string {
	switch (kind) {
		case 'choice':
			return m.rfi_kind_choice();
		case 'scale':
			return m.rfi_kind_scale();
		case 'file':
			return m.rfi_kind_file();
		default:
			return m.rfi_kind_text();
	}
}

export function findingLabel(finding: string | null): string {
	switch (finding) {
		case 'exists':
			return m.rfi_finding_exists();
		case 'needs_adaptation':
			return m.rfi_finding_needs_adaptation();
		case 'not_available':
			return m.rfi_finding_not_available();
		default:
			return m.rfi_finding_none();
	}
}

const locale = () => (getLocale() === 'en' ? 'en-GB' : 'sv-SE');

/** "20 januari 2027 13:00" in Stockholm time. */
export function dateTime(iso: string): string {
	return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}

/** "13:04" in Stockholm time. */
export function time(iso: string): string {
	return new Intl.DateTimeFormat(locale(), { timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}

/** Whole days from now until `iso` (negative when past). */
export function daysUntil(iso: string, now = Date.now()): number {
	return (new Date(iso).getTime() - now) / 86_400_000;
}

/** "1,2 MB" for file sizes. */
export function fileSize(bytes: number): string {
	if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
	return `${(bytes / (1024 * 1024)).toLocaleString(locale(), { maximumFractionDigits: 1 })} MB`;
}
