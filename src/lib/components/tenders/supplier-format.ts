/** Labels of the supplier's tender pages, in the reader's language (sv-SE first, Stockholm time). */
import { m } from '#lib/paraglide/messages.js';
import { dateTime } from '#lib/components/rfi/format.ts';

export function supplierStatusLabel(status: string): string {
	switch (status) {
		case 'published':
			return m.tenders_supplier_status_published();
		case 'closed':
			return m.tenders_supplier_status_closed();
		case 'opened':
			return m.tenders_supplier_status_opened();
		case 'awarded':
			return m.tenders_supplier_status_awarded();
		case 'contract_signed':
			return m.tenders_supplier_status_contract_signed();
		default:
			return m.tenders_supplier_status_draft();
	}
}

/** What is left until `until`, in days, hours and minutes ("3 dagar, 1 timme och 5 minuter kvar"); "time is up" when it has passed. */
export function countdownText(until: string, now: number): string {
	const ms = new Date(until).getTime() - now;
	if (ms <= 0) return m.tenders_supplier_countdown_passed();
	const total = Math.ceil(ms / 60_000);
	const days = Math.floor(total / 1440);
	const hours = Math.floor((total % 1440) / 60);
	const minutes = total % 60;
	const parts: string[] = [];
	if (days) parts.push(days === 1 ? m.tenders_supplier_day() : m.tenders_supplier_days({ n: days }));
	if (hours) parts.push(hours === 1 ? m.tenders_supplier_hour() : m.tenders_supplier_hours({ n: hours }));
	if (minutes) parts.push(minutes === 1 ? m.tenders_supplier_minute() : m.tenders_supplier_minutes({ n: minutes }));
	if (parts.length === 3) return m.tenders_supplier_left_three({ a: parts[0], b: parts[1], c: parts[2] });
	if (parts.length === 2) return m.tenders_supplier_left_two({ a: parts[0], b: parts[1] });
	return m.tenders_supplier_left_one({ a: parts[0] });
}

export interface EvidenceItem {
	docName?: string;
	source?: string;
	updates?: number;
	firstAt?: string;
	lastAt?: string;
	workshop?: { id: string; title: string; date: string };
}

/** One piece of conflict evidence in words: what the organisation's people worked on, how much and when. */
export function evidenceText(e: EvidenceItem): string {
	if (e.source === 'workshop_participation' && e.workshop) return m.tenders_supplier_evidence_participation({ title: e.workshop.title, date: e.workshop.date });
	const args = { updates: e.updates ?? 0, first: e.firstAt ? dateTime(e.firstAt) : '', last: e.lastAt ? dateTime(e.lastAt) : '' };
	const doc = e.docName?.split('.')[0];
	if (doc === 'requirements') return m.tenders_supplier_evidence_requirements(args);
	if (doc === 'brief') return m.tenders_supplier_evidence_brief(args);
	if (doc === 'workshop') return m.tenders_supplier_evidence_workshop(args);
	if (e.source === 'workshop_cards') return m.tenders_supplier_evidence_cards(args);
	if (e.source === 'needs') return m.tenders_supplier_evidence_needs(args);
	if (e.source === 'sprint') return m.tenders_supplier_evidence_sprint(args);
	return m.tenders_supplier_evidence_other(args);
}
