/** Request bodies of the requirements API. */
import { z } from 'zod';
import { lineText, multilineText } from '../http/text.ts';

export const PublishBody = z.object({ note: multilineText().trim().max(2000).optional().nullable() }).strict();

export const CommentBody = z
	.object({
		requirementUid: lineText().trim().min(1).max(64),
		body: multilineText().trim().min(1, 'Skriv en kommentar.').max(4000)
	})
	.strict();

/** `POST /api/v1/initiatives/{id}/requirement-proposals`: a change to a requirement (uid or key "K3"), or a new one. */
export const ProposalBody = z
	.object({
		text: multilineText().trim().min(1, 'Skriv förslaget.').max(8000, 'Förslaget får vara högst 8 000 tecken.'),
		requirementUid: lineText().trim().min(1).max(64).optional(),
		findingId: z.uuid({ error: 'Lärdomen är inte ett giltigt id.' }).transform((v) => v.toLowerCase()).optional()
	})
	.strict();
export type ProposalInput = z.infer<typeof ProposalBody>;

const reasonText = multilineText().trim().max(4000, 'Motiveringen får vara högst 4 000 tecken.');

/** `POST /api/v1/requirement-proposals/{id}/decision`: the reason is required (`reason_required`). */
export const DecisionBody = z
	.object({
		decision: z.enum(['accepted', 'rejected'], { error: 'Beslutet är accepted eller rejected.' }),
		reason: reasonText.optional()
	})
	.strict()
	.refine((v) => (v.reason ?? '').length > 0, { message: 'Motivera beslutet.', path: ['reason'], params: { code: 'reason_required' } });
export type DecisionInput = { decision: 'accepted' | 'rejected'; reason: string };

/** `POST /api/v1/requirement-proposals/{id}/withdraw`: the reason is optional. */
export const WithdrawBody = z.object({ reason: reasonText.optional() }).strict();
