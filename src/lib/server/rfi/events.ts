/** Journal sentences for RFI rounds, supplier invitations and uploaded files. */
import { registerEvents } from '../audit/format.ts';

const FINDING: Record<string, [string, string]> = {
	exists: ['lösningar finns på marknaden', 'solutions exist on the market'],
	needs_adaptation: ['lösningar finns men behöver anpassas', 'solutions exist but need adaptation'],
	not_available: ['lösningar finns inte på marknaden', 'solutions are not on the market']
};

registerEvents({
	kinds: {
		rfi: { sv: 'RFI-rundor', en: 'RFI rounds' },
		supplier: { sv: 'Leverantörsinbjudningar', en: 'Supplier invitations' },
		file: { sv: 'Filer', en: 'Files' }
	},
	events: {
		'rfi.created': {
			sv: (d, s) => `${s.actor} skapade RFI-rundan ${s.q(d.title)} med ${s.num(d.questions)} frågor`,
			en: (d, s) => `${s.actor} created the RFI round ${s.q(d.title)} with ${s.num(d.questions)} questions`,
			details: (d, s) => [{ label: s.t('Öppen för alla leverantörer', 'Open to all suppliers'), value: s.yesNo(d.open) }]
		},
		'rfi.updated': {
			sv: (d, s) => `${s.actor} ändrade RFI-rundan ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} changed the RFI round ${s.q(d.title)}`,
			details: (d, s) => [
				d.questionsDeadline != null && { label: s.t('Sista dag för frågor', 'Question deadline'), value: s.dateTime(d.questionsDeadline) },
				d.answersDeadline != null && { label: s.t('Sista dag för svar', 'Answer deadline'), value: s.dateTime(d.answersDeadline) }
			]
		},
		'rfi.revised': {
			sv: (d, s) => `${s.actor} ändrade frågorna i RFI-rundan ${s.q(d.title)} (revision ${s.num(d.revision)}, ${s.num(d.changedQuestions)} frågor ändrade); alla leverantörer meddelades`,
			en: (d, s) => `${s.actor} changed the questions of the RFI round ${s.q(d.title)} (revision ${s.num(d.revision)}, ${s.num(d.changedQuestions)} questions changed); every supplier was notified`,
			details: () => []
		},
		'rfi.published': {
			sv: (d, s) => `${s.actor} publicerade RFI-rundan ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} published the RFI round ${s.q(d.title)}`,
			details: (d, s) => [
				{ label: s.t('Frågor', 'Questions'), value: s.num(d.questions) },
				{ label: s.t('Sista dag för svar', 'Answer deadline'), value: s.dateTime(d.answersDeadline) },
				{ label: s.t('Öppen för alla leverantörer', 'Open to all suppliers'), value: s.yesNo(d.open) }
			]
		},
		'rfi.response_submitted': {
			sv: (d, s) => `${s.actor} lämnade ${d.resubmission === true ? 'in ett ändrat' : 'in'} svar på RFI-rundan (${s.num(d.answers)} besvarade frågor)`,
			en: (d, s) => `${s.actor} submitted ${d.resubmission === true ? 'a changed answer' : 'an answer'} to the RFI round (${s.num(d.answers)} questions answered)`,
			details: (d, s) => [
				{ label: s.t('Revision', 'Revision'), value: s.num(d.revision) },
				{ label: s.t('Begäranden om sekretess', 'Confidentiality requests'), value: s.num(d.confidentialityRequests) }
			]
		},
		'rfi.clarification_asked': {
			sv: (d, s) => `${s.actor} ställde en fråga i RFI-rundan`,
			en: (d, s) => `${s.actor} asked a question in the RFI round`,
			details: () => []
		},
		'rfi.clarification_published': {
			sv: (d, s) => `${s.actor} besvarade en fråga och publicerade svaret till alla leverantörer i rundan${d.reworded === true ? ' (frågan omformulerad)' : ''}`,
			en: (d, s) => `${s.actor} answered a question and published the answer to every supplier in the round${d.reworded === true ? ' (question reworded)' : ''}`,
			details: () => []
		},
		'rfi.notice_published': {
			sv: (d, s) => `${s.actor} publicerade informationen ${s.q(d.title)} till alla leverantörer i rundan`,
			en: (d, s) => `${s.actor} published the notice ${s.q(d.title)} to every supplier in the round`,
			details: () => []
		},
		'rfi.answer_noted': {
			sv: (d, s) => `${s.actor} antecknade ett svar i RFI-rundan${d.score != null ? ` (poäng ${s.num(d.score)})` : ''}`,
			en: (d, s) => `${s.actor} noted an answer in the RFI round${d.score != null ? ` (score ${s.num(d.score)})` : ''}`,
			details: (d, s) => [Array.isArray(d.tags) && d.tags.length > 0 && { label: s.t('Etiketter', 'Tags'), value: (d.tags as unknown[]).map(String).join(', ') }]
		},
		'rfi.analysis_saved': {
			sv: (d, s) => `${s.actor} sparade analysen av RFI-rundan${typeof d.marketFinding === 'string' && FINDING[d.marketFinding] ? `: ${FINDING[d.marketFinding][0]}` : ''}`,
			en: (d, s) => `${s.actor} saved the analysis of the RFI round${typeof d.marketFinding === 'string' && FINDING[d.marketFinding] ? `: ${FINDING[d.marketFinding][1]}` : ''}`,
			details: () => []
		},
		'supplier.invited': {
			sv: (d, s) => `${s.actor} bjöd in leverantören ${s.str(d.email)} till ${d.subjectKind === 'tender' ? 'en upphandling' : d.subjectKind === 'sprint' ? 'ett rum i en innovationssprint' : 'en RFI-runda'}`,
			en: (d, s) => `${s.actor} invited the supplier ${s.str(d.email)} to ${d.subjectKind === 'tender' ? 'a tender' : d.subjectKind === 'sprint' ? 'a room in an innovation sprint' : 'an RFI round'}`,
			details: (d, s) => [{ label: s.t('Har redan konto', 'Already registered'), value: s.yesNo(d.registered) }]
		},
		'supplier.invitation_accepted': {
			sv: (d, s) => `${s.actor} godkände inbjudan till ${d.subjectKind === 'tender' ? 'upphandlingen' : d.subjectKind === 'sprint' ? 'sprintrummet' : 'RFI-rundan'} för sin organisation`,
			en: (d, s) => `${s.actor} accepted the invitation to the ${d.subjectKind === 'tender' ? 'tender' : d.subjectKind === 'sprint' ? 'sprint room' : 'RFI round'} for their organisation`,
			details: () => []
		},
		'file.uploaded': {
			sv: (d, s) => `${s.actor} laddade upp filen ${s.q(d.name)}`,
			en: (d, s) => `${s.actor} uploaded the file ${s.q(d.name)}`,
			details: (d, s) => [
				{ label: s.t('Storlek', 'Size'), value: `${s.num(d.size)} byte` },
				{ label: 'SHA-256', value: s.str(d.sha256) }
			]
		}
	}
});
