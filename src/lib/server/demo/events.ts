/** Journal sentence for seeding the demo (the platform chain). */
import { registerEvents } from '../audit/format.ts';

registerEvents({
	kinds: { demo: { sv: 'Demo', en: 'Demo' } },
	events: {
		'demo.seeded': {
			sv: (d, s) => `${s.actor} skapade demoinitiativet med ${s.num(Array.isArray(d.personas) ? d.personas.length : 0)} demopersoner`,
			en: (d, s) => `${s.actor} created the demo initiative with ${s.num(Array.isArray(d.personas) ? d.personas.length : 0)} demo personas`,
			details: () => []
		}
	}
});
