/** Journal sentences for the final report, lessons learnt, method templates and the process-leader handover. */
import { registerEvents } from '../audit/format.ts';

registerEvents({
	kinds: {
		report: { sv: 'Slutrapporten', en: 'Final report' },
		lesson: { sv: 'Lärdomar', en: 'Lessons learnt' },
		template: { sv: 'Metodmallar', en: 'Method templates' }
	},
	events: {
		'report.exported': {
			sv: (d, s) => `${s.actor} tog ut slutrapporten${d.format === 'docx' ? ' som Word-fil' : ''} (${s.num(d.sections)} avsnitt)`,
			en: (d, s) => `${s.actor} exported the final report${d.format === 'docx' ? ' as a Word file' : ''} (${s.num(d.sections)} sections)`,
			details: () => []
		},
		'lesson.created': {
			sv: (d, s) => `${s.actor} skrev en lärdom om fasen ${s.phase(d.phase)}`,
			en: (d, s) => `${s.actor} wrote a lesson about the ${s.phase(d.phase)} phase`,
			details: () => []
		},
		'lesson.updated': {
			sv: (d, s) => `${s.actor} ändrade en lärdom om fasen ${s.phase(d.phase)}`,
			en: (d, s) => `${s.actor} changed a lesson about the ${s.phase(d.phase)} phase`,
			details: () => []
		},
		'lesson.deleted': {
			sv: (d, s) => `${s.actor} tog bort en lärdom om fasen ${s.phase(d.phase)}`,
			en: (d, s) => `${s.actor} deleted a lesson about the ${s.phase(d.phase)} phase`,
			details: () => []
		},
		'template.created': {
			sv: (d, s) => `${s.actor} sparade initiativets metod som mallen ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} saved the initiative's method as the template ${s.q(d.title)}`,
			details: (d, s) => [
				{ label: s.t('Delar', 'Parts'), value: Array.isArray(d.parts) ? d.parts.map(String).join(', ') : '' },
				{ label: s.t('Lärdomar', 'Lessons'), value: s.num(d.lessons) }
			]
		},
		'template.applied': {
			sv: (d, s) => `${s.actor} startade initiativet från mallen ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} started the initiative from the template ${s.q(d.title)}`,
			details: (d, s) => [{ label: s.t('Delar', 'Parts'), value: Array.isArray(d.parts) ? d.parts.map(String).join(', ') : '' }]
		},
		'member.process_leader_handed_over': {
			sv: (d, s) => `${s.actor} lämnade över processledarrollen till ${s.str(d.toName)} och blev själv ${s.role(d.stayAs).toLowerCase()}`,
			en: (d, s) => `${s.actor} handed the process leader role over to ${s.str(d.toName)} and became ${s.role(d.stayAs).toLowerCase()}`,
			details: (d, s) => [{ label: s.t('Tidigare roll för den som tog över', 'Previous role of the new leader'), value: s.role(d.fromRole, d.fromLabel) }]
		}
	}
});
