/**
 * Who hears about what in a tender round, and the sentences they read. Notifications never carry
 * tender text, never name a supplier to another supplier, and never tell the buyer side that a
 * tender arrived (rule 5: not even the number of tenders is known before the opening).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { tenderSubmissions, users } from '../db/schema/index.ts';
import type { Tx } from '../db/index.ts';
import { registerNotification, when } from '../notifications/index.ts';
import { participantUserIds as admittedUserIds } from '../market/recipients.ts';

registerNotification('tender.published', {
	sv: (d) => ({ title: `Upphandling öppen: ${d.title}`, body: `${d.buyer} tar emot anbud. Sista anbudsdag: ${when(d.deadline, 'sv')}.` }),
	en: (d) => ({ title: `Tender open: ${d.title}`, body: `${d.buyer} accepts tenders. Deadline: ${when(d.deadline, 'en')}.` })
});
registerNotification('tender.advantage_shared', {
	sv: (d) => ({
		title: `Information till alla anbudsgivare: ${d.title}`,
		body: 'En leverantör som deltog i arbetet före upphandlingen får lämna anbud. Den information som kunde ge ett försprång delas med alla anbudsgivare i upphandlingen.'
	}),
	en: (d) => ({
		title: `Notice to all tenderers: ${d.title}`,
		body: 'A supplier that took part in the work before the procurement may tender. The information that could give an advantage is shared with every tenderer in the procurement.'
	})
});
registerNotification('tender.awarded', {
	sv: (d) => ({
		title: `Tilldelningsbeslut: ${d.title}`,
		body: `Tilldelningsbeslut har fattats. Avtalsspärren löper till ${when(d.standstillEndsAt, 'sv')}; under den tiden tecknas inget avtal.`
	}),
	en: (d) => ({
		title: `Award decision: ${d.title}`,
		body: `The award decision has been made. The standstill period runs until ${when(d.standstillEndsAt, 'en')}; no contract is signed before then.`
	})
});

/** Users of every organisation in the round: admitted by invitation, or that submitted (also withdrawn, via the participants table). */
export async function participantUserIds(tx: Tx, tenderId: string): Promise<string[]> {
	const submitted = await tx
		.select({ id: users.id })
		.from(tenderSubmissions)
		.innerJoin(users, eq(users.organisationId, tenderSubmissions.organisationId))
		.where(and(eq(tenderSubmissions.tenderId, tenderId), isNull(users.disabledAt)));
	return [...new Set([...(await admittedUserIds(tx, 'tender', tenderId)), ...submitted.map((r) => r.id)])];
}
