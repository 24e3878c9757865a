/**
 * Journal sentences for tender rounds. Entries hold ids, times, hashes and sizes only — never
 * tender text. Submissions and withdrawals are written to the round's sealed chain (see
 * `commands.ts`) and read in the opening protocol.
 */
import { registerEvents } from '../audit/format.ts';

const LEVEL: Record<string, [string, string]> = {
	barred: ['utestängd (deltog i kravarbetet)', 'barred (took part in writing the requirements)'],
	flagged: ['flaggad (deltog i tidigare arbete)', 'flagged (took part in earlier work)']
};
const level = (d: Record<string, unknown>, i: 0 | 1) => (typeof d.level === 'string' && LEVEL[d.level] ? LEVEL[d.level][i] : '');

registerEvents({
	kinds: { tender: { sv: 'Upphandlingar', en: 'Tenders' } },
	events: {
		'tender.created': {
			sv: (d, s) => `${s.actor} skapade upphandlingen ${s.q(d.title)} med ${s.num(d.criteria)} tilldelningskriterier`,
			en: (d, s) => `${s.actor} created the tender ${s.q(d.title)} with ${s.num(d.criteria)} award criteria`,
			details: (d, s) => [
				{ label: s.t('Sista anbudsdag', 'Tender deadline'), value: s.dateTime(d.deadline) },
				{ label: s.t('Kravversion', 'Requirements version'), value: s.num(d.requirementsVersion) }
			]
		},
		'tender.published': {
			sv: (d, s) => `${s.actor} publicerade upphandlingen ${s.q(d.title)}${d.open === true ? ' för alla registrerade leverantörer' : ' för de inbjudna leverantörerna'}`,
			en: (d, s) => `${s.actor} published the tender ${s.q(d.title)}${d.open === true ? ' to every registered supplier' : ' to the invited suppliers'}`,
			details: (d, s) => [{ label: s.t('Sista anbudsdag', 'Tender deadline'), value: s.dateTime(d.deadline) }]
		},
		'tender.submitted': {
			sv: (d, s) => `${s.actor} lämnade ${d.replaces ? 'ett nytt anbud som ersätter det tidigare' : 'ett anbud'} (kvitto ${s.str(d.receiptId)})`,
			en: (d, s) => `${s.actor} submitted ${d.replaces ? 'a tender replacing the earlier one' : 'a tender'} (receipt ${s.str(d.receiptId)})`,
			details: (d, s) => [
				{ label: 'SHA-256', value: s.str(d.sha256) },
				{ label: s.t('Storlek', 'Size'), value: `${s.num(d.size)} byte` }
			]
		},
		'tender.withdrawn': {
			sv: (d, s) => `${s.actor} drog tillbaka anbudet med kvitto ${s.str(d.receiptId)}`,
			en: (d, s) => `${s.actor} withdrew the tender with receipt ${s.str(d.receiptId)}`,
			details: () => []
		},
		'tender.submission_refused': {
			sv: (d, s) => `${s.actor} nekades att lämna anbud på grund av jäv: organisationen är ${level(d, 0)}`,
			en: (d, s) => `${s.actor} was refused to tender for conflict of interest: the organisation is ${level(d, 1)}`,
			details: () => []
		},
		'tender.conflict_statement': {
			sv: (d, s) => `${s.actor} lämnade organisationens yttrande om jäv (${level(d, 0)})`,
			en: (d, s) => `${s.actor} gave the organisation's statement on the conflict of interest (${level(d, 1)})`,
			details: () => []
		},
		'tender.conflict_lift_approved': {
			sv: (d, s) => `${s.actor} godkände${d.procurementOfficer === true ? ' som upphandlare' : ''} att en leverantör som är ${level(d, 0)} får lämna anbud`,
			en: (d, s) => `${s.actor} approved${d.procurementOfficer === true ? ' as procurement officer' : ''} that a supplier that is ${level(d, 1)} may tender`,
			details: (d, s) => [{ label: s.t('Motivering', 'Reason'), value: s.str(d.reason) }]
		},
		'tender.conflict_lifted': {
			sv: (d, s) => `Jävet hävdes efter två godkännanden: leverantören får lämna anbud`,
			en: (d, s) => `The conflict of interest was lifted after two approvals: the supplier may tender`,
			details: () => []
		},
		'tender.conflict_upheld': {
			sv: (d, s) => `${s.actor} beslutade att leverantören inte får lämna anbud (${level(d, 0)})`,
			en: (d, s) => `${s.actor} decided that the supplier may not tender (${level(d, 1)})`,
			details: (d, s) => [{ label: s.t('Motivering', 'Reason'), value: s.str(d.reason) }]
		},
		'tender.notice_published': {
			sv: (d, s) => `${s.actor} meddelade alla leverantörer i upphandlingen att informationen bakom ett försprång delas med alla`,
			en: (d, s) => `${s.actor} told every supplier of the tender that the information behind an advantage is shared with all`,
			details: () => []
		},
		'tender.opening_approved': {
			sv: (d, s) => `${s.actor} godkände anbudsöppningen (${s.num(d.approvals)} av 2 förrättare)`,
			en: (d, s) => `${s.actor} approved the tender opening (${s.num(d.approvals)} of 2 openers)`,
			details: () => []
		},
		'tender.opened': {
			sv: (d, s) => `Anbuden öppnades av två förrättare; ${s.num(Array.isArray(d.tenders) ? d.tenders.length : 0)} anbud med kontrollerade kvitton`,
			en: (d, s) => `The tenders were opened by two openers; ${s.num(Array.isArray(d.tenders) ? d.tenders.length : 0)} tenders with checked receipts`,
			details: (d, s) => [
				{
					label: s.t('Kvitton som stämmer', 'Receipts that match'),
					value: s.num(Array.isArray(d.tenders) ? (d.tenders as Array<{ hashVerified?: unknown }>).filter((x) => x.hashVerified === true).length : 0)
				}
			]
		},
		'tender.declaration_given': {
			sv: (d, s) => `${s.actor} intygade att hen inte har någon intressekonflikt i upphandlingen`,
			en: (d, s) => `${s.actor} declared no conflict of interest in the tender`,
			details: () => []
		},
		'tender.scored': {
			sv: (d, s) => `${s.actor} gav ${s.num(d.score)} poäng på kriteriet ${s.q(d.criterion)}`,
			en: (d, s) => `${s.actor} scored ${s.num(d.score)} on the criterion ${s.q(d.criterion)}`,
			details: () => []
		},
		'tender.confidentiality_decided': {
			sv: (d, s) => `${s.actor} ${d.granted === true ? 'beviljade' : 'avslog'} en begäran om sekretess i ett anbud`,
			en: (d, s) => `${s.actor} ${d.granted === true ? 'granted' : 'denied'} a confidentiality request in a tender`,
			details: () => []
		},
		'tender.qualification_recorded': {
			sv: (d, s) => `${s.actor} bedömde att en anbudsgivare ${d.qualified === true ? 'är kvalificerad' : 'inte är kvalificerad och utesluts ur utvärderingen'}`,
			en: (d, s) => `${s.actor} found a tenderer ${d.qualified === true ? 'qualified' : 'not qualified, leaving it out of the evaluation'}`,
			details: (d, s) => [
				{ label: s.t('Kvitto', 'Receipt'), value: s.str(d.submissionId) },
				{ label: s.t('Motivering', 'Reason'), value: s.str(d.reason) }
			]
		},
		'tender.awarded': {
			sv: (d, s) => `${s.actor} fattade tilldelningsbeslut; avtalsspärren löper till ${s.dateTime(d.standstillEndsAt)}`,
			en: (d, s) => `${s.actor} made the award decision; the standstill runs until ${s.dateTime(d.standstillEndsAt)}`,
			details: () => []
		},
		'tender.seal_key_rotated': {
			sv: (d, s) => `Förseglingsnyckeln byttes: ${s.num(d.rounds)} upphandlingars datanycklar förseglades om med den nya nyckeln (anbuden dekrypterades inte)`,
			en: (d, s) => `The seal key was rotated: the data keys of ${s.num(d.rounds)} tender rounds were re-wrapped with the new key (no tender was decrypted)`,
			details: () => []
		},
		'tender.contract_signed': {
			sv: (d, s) => `${s.actor} markerade avtalet som tecknat`,
			en: (d, s) => `${s.actor} marked the contract as signed`,
			details: () => []
		}
	}
});
