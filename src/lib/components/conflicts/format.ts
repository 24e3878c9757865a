import { m } from '#lib/paraglide/messages.js';

/** A piece of conflicts-register evidence as the register and the tender round's conflict cases show it. */
export interface EvidenceSource {
	docName?: string;
	source?: string;
	workshop?: { title: string };
	proposal?: { requirementKey: string | null };
}

/** What the organisation's people worked in, named for the buyer team (the conflicts register, a tender's conflict cases). */
export function evidenceSourceLabel(e: EvidenceSource): string {
	if (e.source === 'workshop_participation' && e.workshop) return m.conf_source_participation({ title: e.workshop.title });
	const kind = (e.docName ?? '').split('.')[0];
	if (kind === 'requirements') return m.conf_source_requirements();
	if (kind === 'brief') return m.conf_source_brief();
	if (kind === 'workshop') return m.conf_source_workshop();
	if (e.source === 'workshop_cards') return m.conf_source_cards();
	if (e.source === 'needs') return m.conf_source_needs();
	if (e.source === 'sprint') return m.sprints_conf_source();
	if (e.source === 'requirement_proposal') return e.proposal?.requirementKey ? m.conf_source_proposal({ key: e.proposal.requirementKey }) : m.conf_source_proposal_new();
	return e.docName ?? e.source ?? '';
}
