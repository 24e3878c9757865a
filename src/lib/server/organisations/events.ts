/** Journal sentences for an organisation's own administration (the platform chain). */
import { registerEvents } from '../audit/format.ts';

registerEvents({
	events: {
		'organisation.colleague_invited': {
			sv: (d, s) => `${s.actor} bjöd in kollegan ${s.str(d.email)} till organisationen`,
			en: (d, s) => `${s.actor} invited the colleague ${s.str(d.email)} to the organisation`,
			details: () => []
		}
	}
});
