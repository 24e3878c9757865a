/** Display names of workshop phases, from the message catalogue. */
import { m } from '#lib/paraglide/messages.js';

export const PHASE_ORDER = ['draft', 'collect', 'cluster', 'vote', 'prioritise', 'formulate', 'closed'] as const;

export function phaseLabel(phase: string): string {
	switch (phase) {
		case 'draft':
			return m.ws_phase_draft();
		case 'collect':
			return m.ws_phase_collect();
		case 'cluster':
			return m.ws_phase_cluster();
		case 'vote':
			return m.ws_phase_vote();
		case 'prioritise':
			return m.ws_phase_prioritise();
		case 'formulate':
			return m.ws_phase_formulate();
		case 'closed':
			return m.ws_phase_closed();
		default:
			return phase;
	}
}

/** What participants are asked to do in each phase. */
export function phaseHelp(phase: string): string {
	switch (phase) {
		case 'draft':
			return m.ws_help_draft();
		case 'collect':
			return m.ws_help_collect();
		case 'cluster':
			return m.ws_help_cluster();
		case 'vote':
			return m.ws_help_vote();
		case 'prioritise':
			return m.ws_help_prioritise();
		case 'formulate':
			return m.ws_help_formulate();
		case 'closed':
			return m.ws_help_closed();
		default:
			return '';
	}
}

/** What a participant is asked to do now (shown on the participant's board). */
export function participantHelp(phase: string): string {
	switch (phase) {
		case 'collect':
			return m.ws_phelp_collect();
		case 'cluster':
			return m.ws_phelp_cluster();
		case 'vote':
			return m.ws_phelp_vote();
		case 'prioritise':
		case 'formulate':
			return m.ws_phelp_after();
		default:
			return '';
	}
}
