/** What pilots tell people: the go/no-go decision, to the buyer team and the observers. */
import { registerNotification } from '../notifications/index.ts';

const DECISION: Record<string, [string, string]> = {
	scale: ['skala upp', 'scale up'],
	repeat: ['genomföra en ny pilot', 'run another pilot'],
	stop: ['avsluta', 'stop']
};

registerNotification('pilot.decided', {
	sv: (d) => ({ title: `Beslut efter piloten: ${d.title}`, body: `${d.by} har beslutat att ${DECISION[String(d.decision)]?.[0] ?? ''}. Underlaget och motiveringen finns på beslutssidan.` }),
	en: (d) => ({ title: `Decision after the pilot: ${d.title}`, body: `${d.by} decided to ${DECISION[String(d.decision)]?.[1] ?? ''}. The evidence and the motivation are on the decision page.` })
});
