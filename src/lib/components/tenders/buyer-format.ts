/** Labels of the buyer team's tender pages, in the reader's language (sv-SE first, Stockholm time). */
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

export { dateTime } from '#lib/components/rfi/format.ts';

export function tenderStatusLabel(status: string): string {
	switch (status) {
		case 'draft':
			return m.tenders_buyer_status_draft();
		case 'published':
			return m.tenders_buyer_status_published();
		case 'closed':
			return m.tenders_buyer_status_closed();
		case 'opened':
			return m.tenders_buyer_status_opened();
		case 'awarded':
			return m.tenders_buyer_status_awarded();
		default:
			return m.tenders_buyer_status_contract_signed();
	}
}

export function criterionKindLabel(kind: string): string {
	return kind === 'price' ? m.tenders_buyer_kind_price() : m.tenders_buyer_kind_quality();
}

const locale = () => (getLocale() === 'en' ? 'en-GB' : 'sv-SE');

/** "1 250 000 kr". */
export function sek(amount: number): string {
	return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }).format(amount);
}

/** "12,5" (points, two decimals at most). */
export function points(n: number): string {
	return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(n);
}

/** Whole days and hours from `nowMs` until `endMs`; zero once it has passed. */
export function remaining(endMs: number, nowMs: number): { days: number; hours: number; ended: boolean } {
	const left = Math.max(0, endMs - nowMs);
	return { days: Math.floor(left / 86_400_000), hours: Math.floor((left % 86_400_000) / 3_600_000), ended: left === 0 };
}
