/**
 * Journal sentences of the sprint rooms' stage boards. Sketches, critiques, dots and notes are
 * content and carry no entry (an entry would name the author of an anonymous sketch); what is
 * journalled are decisions: the supervote, test sessions, an end user's consent (never their
 * name) and revealing the gallery's supplier names.
 */
import { registerEvents } from '../../audit/format.ts';

registerEvents({
	events: {
		'sprint.supervote_cast': {
			sv: (_d, s) => `${s.actor} lade beslutsfattarens superröst i ett sprintrum`,
			en: (_d, s) => `${s.actor} cast the decider’s supervote in a sprint room`,
			details: () => []
		},
		'sprint.hmw_opened': {
			sv: (_d, s) => `${s.actor} öppnade "Hur skulle vi kunna"-workshoppen i ett sprintrum`,
			en: (_d, s) => `${s.actor} opened the “How might we” workshop in a sprint room`,
			details: () => []
		},
		'sprint.test_session_created': {
			sv: (_d, s) => `${s.actor} öppnade en testsession med slutanvändare i ett sprintrum`,
			en: (_d, s) => `${s.actor} opened an end-user test session in a sprint room`,
			details: () => []
		},
		'sprint.test_consent_given': {
			sv: () => 'En testperson gav sitt samtycke i en testsession',
			en: () => 'An end user gave their consent in a test session',
			details: () => []
		},
		'sprint.gallery_revealed': {
			sv: (d, s) => `${s.actor} visade leverantörernas namn i sprintens galleri (skäl: ${s.str(d.reason)})`,
			en: (d, s) => `${s.actor} revealed the suppliers’ names in the sprint gallery (reason: ${s.str(d.reason)})`,
			details: () => []
		}
	}
});
