/** Journal sentences for the requirements document and the conflicts register (rule 1). */
import { registerEvents, type Say } from '../audit/format.ts';

/** Where a contribution was made, readable: a document name or a source table. */
function evidence(value: unknown, s: Say): string {
	if (!Array.isArray(value)) return '';
	return s.list(
		value.map((e) => {
			const [kind, id] = s.str(e).split('.');
			if (kind === 'requirements') return s.t('kravställningen', 'the requirements');
			if (kind === 'brief') return s.t('projektbriefen', 'the project brief');
			if (kind === 'workshop') return s.workshop(id);
			if (kind === 'workshop_cards') return s.t('workshopkort', 'workshop cards');
			if (kind === 'needs') return s.t('behovsregistret', 'the needs register');
			if (kind === 'sprint') return s.t('en innovationssprint', 'an innovation sprint');
			if (kind === 'requirement_proposal') return s.t('förslag till kravändring', 'requirement change proposals');
			return s.str(e);
		})
	);
}

/** What a proposal is about: a change of one requirement ("K3") or a new requirement. */
function proposalWhat(d: Record<string, unknown>, s: Say, lang: 'sv' | 'en'): string {
	const key = d.requirementKey ? s.str(d.requirementKey) : '';
	if (lang === 'sv') return key ? `en ändring av krav ${key}` : 'ett nytt krav';
	return key ? `a change to requirement ${key}` : 'a new requirement';
}

registerEvents({
	kinds: {
		requirements: { sv: 'Kravställning', en: 'Requirements' },
		conflict: { sv: 'Jäv och spärrar', en: 'Conflicts of interest' }
	},
	events: {
		'requirements.version_published': {
			sv: (d, s) => `${s.actor} publicerade version ${s.num(d.version)} av kravställningen (${s.num(d.requirements)} krav)`,
			en: (d, s) => `${s.actor} published version ${s.num(d.version)} of the requirements (${s.num(d.requirements)} requirements)`,
			details: (d, s) => [{ label: s.t('Kontrollsumma (SHA-256)', 'Checksum (SHA-256)'), value: s.str(d.sha256) }]
		},
		'requirements.commented': {
			sv: (_d, s) => `${s.actor} kommenterade ett krav`,
			en: (_d, s) => `${s.actor} commented on a requirement`,
			details: () => []
		},
		'requirements.proposal_created': {
			sv: (d, s) => `${s.actor} föreslog ${proposalWhat(d, s, 'sv')}${d.source === 'sprint_finding' ? ' utifrån en lärdom i sprintloggen' : ''}`,
			en: (d, s) => `${s.actor} proposed ${proposalWhat(d, s, 'en')}${d.source === 'sprint_finding' ? ' from a finding in the sprint log' : ''}`,
			details: () => []
		},
		'requirements.proposal_accepted': {
			sv: (d, s) => `${s.actor} godtog förslaget till ${proposalWhat(d, s, 'sv')}: kravförfattarna inför det`,
			en: (d, s) => `${s.actor} accepted the proposal of ${proposalWhat(d, s, 'en')}: the requirement authors apply it`,
			details: (d, s) => [{ label: s.t('Motivering', 'Reason'), value: s.str(d.reason) }]
		},
		'requirements.proposal_rejected': {
			sv: (d, s) => `${s.actor} avslog förslaget till ${proposalWhat(d, s, 'sv')}`,
			en: (d, s) => `${s.actor} rejected the proposal of ${proposalWhat(d, s, 'en')}`,
			details: (d, s) => [{ label: s.t('Motivering', 'Reason'), value: s.str(d.reason) }]
		},
		'requirements.proposal_withdrawn': {
			sv: (d, s) => `${s.actor} drog tillbaka sitt förslag till ${proposalWhat(d, s, 'sv')}`,
			en: (d, s) => `${s.actor} withdrew their proposal of ${proposalWhat(d, s, 'en')}`,
			details: (d, s) => (d.reason ? [{ label: s.t('Motivering', 'Reason'), value: s.str(d.reason) }] : [])
		},
		'conflict.barred': {
			sv: (d, s) => `${s.str(d.user)} på ${s.str(d.organisation)} har bidragit till kravställningen: organisationen spärrades från att lämna anbud`,
			en: (d, s) => `${s.str(d.user)} of ${s.str(d.organisation)} contributed to the requirements: the organisation was barred from tendering`,
			details: (d, s) => [{ label: s.t('Underlag', 'Evidence'), value: evidence(d.evidence, s) }]
		},
		'conflict.flagged': {
			sv: (d, s) => `${s.str(d.user)} på ${s.str(d.organisation)} har bidragit till tidigare behovsarbete: flaggat för upphandlarens bedömning`,
			en: (d, s) => `${s.str(d.user)} of ${s.str(d.organisation)} contributed to earlier needs work: flagged for the procurement officer to judge`,
			details: (d, s) => [{ label: s.t('Underlag', 'Evidence'), value: evidence(d.evidence, s) }]
		}
	}
});
