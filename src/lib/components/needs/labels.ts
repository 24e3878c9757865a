/** Display names of need statuses and priorities, from the message catalogue. */
import { m } from '#lib/paraglide/messages.js';

export const STATUSES = ['draft', 'agreed', 'parked', 'moved'] as const;
export const PRIORITIES = ['high', 'medium', 'low'] as const;

export function statusLabel(s: string): string {
	return s === 'agreed' ? m.needs_status_agreed() : s === 'parked' ? m.needs_status_parked() : s === 'moved' ? m.needs_status_moved() : m.needs_status_draft();
}

export function priorityLabel(p: string): string {
	return p === 'high' ? m.needs_priority_high() : p === 'low' ? m.needs_priority_low() : m.needs_priority_medium();
}
