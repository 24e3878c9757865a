/**
 * Journal sentences for needs workshops. Guests are named only as the workshop allows: in an
 * anonymous workshop every guest is "Anonym deltagare" (the lookup decides, not the sentence).
 */
import { registerEvents, type Say } from '../audit/format.ts';

function settings(d: Record<string, unknown>, s: Say) {
	return [
		d.anonymous !== undefined && { label: s.t('Anonyma kort', 'Anonymous cards'), value: s.yesNo(d.anonymous) },
		d.silent !== undefined && { label: s.t('Tyst läge', 'Silent mode'), value: s.yesNo(d.silent) },
		d.votesPerParticipant !== undefined && { label: s.t('Röster per deltagare', 'Votes per participant'), value: s.num(d.votesPerParticipant) }
	];
}

registerEvents({
	kinds: { workshop: { sv: 'Workshoppar', en: 'Workshops' } },
	events: {
		'workshop.created': {
			sv: (d, s) => `${s.actor} skapade workshoppen ${s.q(d.title)}`,
			en: (d, s) => `${s.actor} created the workshop ${s.q(d.title)}`,
			details: (d, s) => settings(d, s)
		},
		'workshop.updated': {
			sv: (d, s) => `${s.actor} ändrade inställningarna för ${s.workshop(d.workshopId)}`,
			en: (d, s) => `${s.actor} changed the settings of ${s.workshop(d.workshopId)}`,
			details: (d, s) => {
				const c = (d.changes ?? {}) as Record<string, unknown>;
				return [
					c.title !== undefined && { label: s.t('Ny titel', 'New title'), value: s.str(c.title) },
					c.question !== undefined && { label: s.t('Ny fråga', 'New question'), value: s.str(c.question) },
					...settings(c, s)
				];
			}
		},
		'workshop.phase_changed': {
			sv: (d, s) => `${s.actor} flyttade ${s.workshop(d.workshopId)} från ${s.workshopPhase(d.from)} till ${s.workshopPhase(d.to)}`,
			en: (d, s) => `${s.actor} moved ${s.workshop(d.workshopId)} from ${s.workshopPhase(d.from)} to ${s.workshopPhase(d.to)}`,
			details: () => []
		},
		'workshop.closed': {
			sv: (d, s) => `${s.actor} avslutade ${s.workshop(d.workshopId)} (från ${s.workshopPhase(d.from)}); gästernas inloggningar upphörde`,
			en: (d, s) => `${s.actor} closed ${s.workshop(d.workshopId)} (from ${s.workshopPhase(d.from)}); the guests' sessions ended`,
			details: () => []
		},
		'workshop.locked': {
			sv: (d, s) => `${s.actor} låste tavlan i ${s.workshop(d.workshopId)}`,
			en: (d, s) => `${s.actor} locked the board of ${s.workshop(d.workshopId)}`,
			details: () => []
		},
		'workshop.unlocked': {
			sv: (d, s) => `${s.actor} låste upp tavlan i ${s.workshop(d.workshopId)}`,
			en: (d, s) => `${s.actor} unlocked the board of ${s.workshop(d.workshopId)}`,
			details: () => []
		},
		'workshop.tally_shown': {
			sv: (d, s) => `${s.actor} visade röstresultatet för deltagarna i ${s.workshop(d.workshopId)}`,
			en: (d, s) => `${s.actor} showed the vote tally to the participants of ${s.workshop(d.workshopId)}`,
			details: () => []
		},
		'workshop.tally_hidden': {
			sv: (d, s) => `${s.actor} dolde röstresultatet för deltagarna i ${s.workshop(d.workshopId)}`,
			en: (d, s) => `${s.actor} hid the vote tally from the participants of ${s.workshop(d.workshopId)}`,
			details: () => []
		},
		'workshop.guest_joined': {
			sv: (d, s) => `${s.guest(d.guestId)} gick med i ${s.workshop(d.workshopId)}`,
			en: (d, s) => `${s.guest(d.guestId)} joined ${s.workshop(d.workshopId)}`,
			details: () => []
		},
		'workshop.guest_rejoined': {
			sv: (d, s) => `${s.guest(d.guestId)} kom tillbaka till ${s.workshop(d.workshopId)} från samma webbläsare`,
			en: (d, s) => `${s.guest(d.guestId)} returned to ${s.workshop(d.workshopId)} from the same browser`,
			details: () => []
		},
		'workshop.guest_removed': {
			sv: (d, s) => `${s.actor} tog bort ${s.guest(d.guestId)} från ${s.workshop(d.workshopId)} och deltagarens ${s.num(d.votesRemoved)} röster`,
			en: (d, s) => `${s.actor} removed ${s.guest(d.guestId)} from ${s.workshop(d.workshopId)} with the participant's ${s.num(d.votesRemoved)} votes`,
			details: () => []
		},
		'workshop.cards_revealed': {
			sv: (d, s) => `${s.actor} visade alla dolda kort i ${s.workshop(d.workshopId)} (${s.num(d.cards)} st)`,
			en: (d, s) => `${s.actor} revealed all hidden cards in ${s.workshop(d.workshopId)} (${s.num(d.cards)})`,
			details: () => []
		}
	}
});
