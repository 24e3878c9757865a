/**
 * Journal sentences for sprints. Entries hold ids, letters, hashes, counts and the leader's
 * written reasons — never room content (the journal is the buyer side's record).
 */
import { registerEvents } from '../audit/format.ts';

const STAGE: Record<string, [string, string]> = {
	map: ['Kartlägg', 'Map'],
	sketch: ['Skissa', 'Sketch'],
	decide: ['Besluta', 'Decide'],
	prototype: ['Prototyp', 'Prototype'],
	test: ['Testa', 'Test']
};
const stage = (v: unknown, i: 0 | 1) => (typeof v === 'string' && STAGE[v] ? STAGE[v][i] : '');
const room = (d: Record<string, unknown>) => (typeof d.letter === 'string' ? ` ${d.letter}` : '');

registerEvents({
	kinds: { sprint: { sv: 'Innovationssprintar', en: 'Innovation sprints' } },
	events: {
		'sprint.created': {
			sv: (d, s) => `${s.actor} skapade sprinten ${s.q(d.title)} med ${s.num(d.questions)} sprintfrågor`,
			en: (d, s) => `${s.actor} created the sprint ${s.q(d.title)} with ${s.num(d.questions)} sprint questions`,
			details: (d, s) => [{ label: s.t('Mall', 'Template'), value: s.str(d.template) }]
		},
		'sprint.created_from_template': {
			sv: (d, s) => `${s.actor} skapade sprinten ${s.q(d.title)} från en metodmall (${s.num(d.questions)} sprintfrågor)`,
			en: (d, s) => `${s.actor} created the sprint ${s.q(d.title)} from a method template (${s.num(d.questions)} sprint questions)`,
			details: () => []
		},
		'sprint.template_created': {
			sv: (d, s) => `${s.actor} lade till sprintmallen ${s.q(d.name)} (${s.num(d.days)} dagar)`,
			en: (d, s) => `${s.actor} added the sprint template ${s.q(d.name)} (${s.num(d.days)} days)`,
			details: () => []
		},
		'sprint.room_added': {
			sv: (d, s) => `${s.actor} lade till rum${room(d)} i sprinten${d.byEmail === true ? ' (inbjudan per e-post)' : ''}`,
			en: (d, s) => `${s.actor} added room${room(d)} to the sprint${d.byEmail === true ? ' (invitation by e-mail)' : ''}`,
			details: (d, s) => [{ label: s.t('Tidigare underlag levererat', 'Earlier inputs delivered'), value: s.num(d.earlierInputs) }]
		},
		'sprint.room_removed': {
			sv: (d, s) => `${s.actor} tog bort ett rum ur sprinten eftersom inbjudan inte kunde skickas`,
			en: (d, s) => `${s.actor} removed a room from the sprint because the invitation could not be sent`,
			details: () => []
		},
		'sprint.room_updated': {
			sv: (d, s) =>
				`${s.actor} ändrade rum${room(d)}${d.locked === true ? ': låst' : d.locked === false ? ': upplåst' : ''}${d.deciderUserId !== undefined ? ', ny beslutsfattare' : ''}${d.members !== undefined ? `, ${s.num(d.members)} från teamet` : ''}`,
			en: (d, s) =>
				`${s.actor} changed room${room(d)}${d.locked === true ? ': locked' : d.locked === false ? ': unlocked' : ''}${d.deciderUserId !== undefined ? ', new decider' : ''}${d.members !== undefined ? `, ${s.num(d.members)} from the team` : ''}`,
			details: (d, s) => [d.confidential !== undefined && { label: s.t('Konfidentiellt innehåll', 'Confidential content'), value: s.yesNo(d.confidential) }]
		},
		'sprint.rooms_locked': {
			sv: (d, s) => `${s.actor} låste ${s.num(d.rooms)} rum`,
			en: (d, s) => `${s.actor} locked ${s.num(d.rooms)} rooms`,
			details: () => []
		},
		'sprint.rooms_unlocked': {
			sv: (d, s) => `${s.actor} låste upp ${s.num(d.rooms)} rum`,
			en: (d, s) => `${s.actor} unlocked ${s.num(d.rooms)} rooms`,
			details: () => []
		},
		'sprint.terms_accepted': {
			sv: (d, s) => `${s.actor} godkände villkoren för deltagande för sin organisation; rummet är öppet`,
			en: (d, s) => `${s.actor} accepted the terms of participation for their organisation; the room is open`,
			details: (d, s) => [{ label: s.t('Villkorens SHA-256', 'Terms SHA-256'), value: s.str(d.termsSha256) }]
		},
		'sprint.input_published': {
			sv: (d, s) => `${s.actor} publicerade underlaget ${s.q(d.title)} till alla ${s.num(d.rooms)} rum samtidigt`,
			en: (d, s) => `${s.actor} published the input ${s.q(d.title)} to all ${s.num(d.rooms)} rooms at once`,
			details: (d, s) => [
				{ label: 'SHA-256', value: s.str(d.sha256) },
				{ label: s.t('Filer', 'Files'), value: s.num(d.files) }
			]
		},
		'sprint.input_published_to_room': {
			sv: (d, s) => `${s.actor} skickade underlaget ${s.q(d.title)} bara till rum${room(d)}`,
			en: (d, s) => `${s.actor} sent the input ${s.q(d.title)} to room${room(d)} only`,
			details: (d, s) => [
				{ label: s.t('Skäl', 'Reason'), value: s.str(d.reason) },
				{ label: 'SHA-256', value: s.str(d.sha256) }
			]
		},
		'sprint.stage_started': {
			sv: (d, s) => `${s.actor} startade steget ${stage(d.stage, 0)} i alla ${s.num(d.rooms)} rum${d.timerSeconds ? ` med timer på ${s.num(d.timerSeconds)} sekunder` : ''}`,
			en: (d, s) => `${s.actor} started the ${stage(d.stage, 1)} stage in all ${s.num(d.rooms)} rooms${d.timerSeconds ? ` with a ${s.num(d.timerSeconds)}-second timer` : ''}`,
			details: () => []
		},
		'sprint.question_asked': {
			sv: (d, s) => `${s.actor} ställde en fråga i rum${room(d)}`,
			en: (d, s) => `${s.actor} asked a question in room${room(d)}`,
			details: () => []
		},
		'sprint.question_answered': {
			sv: (d, s) => `${s.actor} besvarade en fråga till alla ${s.num(d.rooms)} rum${d.reworded === true ? ' (omformulerad)' : ''}`,
			en: (d, s) => `${s.actor} answered a question to all ${s.num(d.rooms)} rooms${d.reworded === true ? ' (reworded)' : ''}`,
			details: () => []
		},
		'sprint.question_answered_to_room': {
			sv: (d, s) => `${s.actor} besvarade en fråga bara till det frågande rummet`,
			en: (d, s) => `${s.actor} answered a question to the asking room only`,
			details: (d, s) => [{ label: s.t('Skäl', 'Reason'), value: s.str(d.reason) }]
		},
		'sprint.meeting_logged': {
			sv: (d, s) => `${s.actor} loggade ett möte på ${s.num(d.minutes)} minuter i rum${room(d)}`,
			en: (d, s) => `${s.actor} logged a ${s.num(d.minutes)}-minute meeting in room${room(d)}`,
			details: (d, s) => [
				{ label: s.t('Start', 'Start'), value: s.dateTime(d.startedAt) },
				{ label: s.t('Slut', 'End'), value: s.dateTime(d.endedAt) }
			]
		},
		'sprint.log_entry_added': {
			sv: (d, s) => `${s.actor} antecknade ${d.kind === 'decision' ? 'ett beslut' : 'en lärdom'} i sprintloggen (${stage(d.stage, 0)})${d.proposal === true ? ' med förslag till kravändring' : ''}`,
			en: (d, s) => `${s.actor} recorded ${d.kind === 'decision' ? 'a decision' : 'a finding'} in the sprint log (${stage(d.stage, 1)})${d.proposal === true ? ' with a proposed requirements change' : ''}`,
			details: () => []
		}
	}
});
