/**
 * What an RFI round tells people, and the sentences they read. Recipients come from
 * `market/recipients.ts`: suppliers are told only about their own round and what was published
 * to all — never anything that names another supplier (rule 3).
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { rfiResponses } from '../db/schema/index.ts';
import type { Tx } from '../db/index.ts';
import { registerNotification, when } from '../notifications/index.ts';
import { participantUsers } from '../market/recipients.ts';

registerNotification('rfi.published', {
	sv: (d) => ({ title: `RFI öppen: ${d.title}`, body: `${d.buyer} har öppnat en RFI-runda som ni är inbjudna till. Sista dag för svar: ${when(d.answersDeadline, 'sv')}.` }),
	en: (d) => ({ title: `RFI open: ${d.title}`, body: `${d.buyer} has opened an RFI round you are invited to. Answers are due ${when(d.answersDeadline, 'en')}.` })
});
registerNotification('rfi.revised', {
	sv: (d) => ({ title: `RFI ändrad: ${d.title}`, body: `Frågorna har ändrats (revision ${d.revision}). Svar på ändrade frågor är markerade för granskning.` }),
	en: (d) => ({ title: `RFI changed: ${d.title}`, body: `The questions have changed (revision ${d.revision}). Answers to changed questions are marked for review.` })
});
registerNotification('rfi.clarification_published', {
	sv: (d) => ({ title: `Nytt förtydligande: ${d.title}`, body: 'En fråga har besvarats. Frågan och svaret är publicerade till alla leverantörer i rundan samtidigt.' }),
	en: (d) => ({ title: `New clarification: ${d.title}`, body: 'A question has been answered. Question and answer are published to every supplier in the round at the same time.' })
});
registerNotification('rfi.notice_published', {
	sv: (d) => ({ title: `Information till alla: ${d.title}`, body: String(d.notice ?? '') }),
	en: (d) => ({ title: `Notice to all: ${d.title}`, body: String(d.notice ?? '') })
});
registerNotification('rfi.reminder', {
	sv: (d) => ({
		title: d.deadline === 'questions' ? `Sista dag för frågor närmar sig: ${d.title}` : `Sista dag för svar närmar sig: ${d.title}`,
		body: `${d.deadline === 'questions' ? 'Frågor tas emot' : 'Svar tas emot'} till och med ${when(d.at, 'sv')}. Ni har inte lämnat något svar än.`
	}),
	en: (d) => ({
		title: d.deadline === 'questions' ? `Question deadline approaching: ${d.title}` : `Answer deadline approaching: ${d.title}`,
		body: `${d.deadline === 'questions' ? 'Questions are accepted' : 'Answers are accepted'} until ${when(d.at, 'en')}. You have not submitted an answer yet.`
	})
});
registerNotification('rfi.response_received', {
	sv: (d) => ({ title: `Ert svar är inlämnat: ${d.title}`, body: `Mottaget ${when(d.submittedAt, 'sv')}. Ni kan ändra och lämna in igen fram till sista dag för svar.` }),
	en: (d) => ({ title: `Your answer is submitted: ${d.title}`, body: `Received ${when(d.submittedAt, 'en')}. You can change it and submit again until the answer deadline.` })
});
registerNotification('rfi.response_submitted', {
	sv: (d) => ({ title: `Nytt svar i ${d.title}`, body: `${d.organisation} har lämnat svar.` }),
	en: (d) => ({ title: `New answer in ${d.title}`, body: `${d.organisation} has submitted an answer.` })
});
registerNotification('rfi.clarification_asked', {
	sv: (d) => ({ title: `Ny fråga i ${d.title}`, body: 'En leverantör har ställt en fråga. Svara till alla från rundans sida.' }),
	en: (d) => ({ title: `New question in ${d.title}`, body: 'A supplier has asked a question. Answer it to everyone from the round’s page.' })
});

/** Users of participating organisations that have not submitted (reminders). */
export async function notSubmittedUserIds(tx: Tx, rfiId: string): Promise<string[]> {
	const submitted = await tx
		.select({ organisationId: rfiResponses.organisationId })
		.from(rfiResponses)
		.where(and(eq(rfiResponses.rfiId, rfiId), isNotNull(rfiResponses.submittedAt)));
	const done = new Set(submitted.map((r) => r.organisationId));
	return (await participantUsers(tx, 'rfi', rfiId)).filter((r) => !done.has(r.organisationId)).map((r) => r.id);
}
