/** Request shapes of the advisor and the thresholds admin. */
import { z } from 'zod';
import { lineText, multilineText } from '../http/text.ts';
import { BUYER_KINDS, PURCHASE_KINDS, THRESHOLD_NAMES } from '../db/schema/requirements.ts';
import { MARKET_SITUATIONS, PROCEDURES } from './advise.ts';

const sek = z.number().int('Ange ett heltal i kronor.').min(0, 'Värdet kan inte vara negativt.').max(1_000_000_000_000);

export const AdviceBody = z
	.object({
		estimatedValueSek: sek,
		purchaseKind: z.enum(PURCHASE_KINDS),
		buyerKind: z.enum(BUYER_KINDS),
		marketSituation: z.enum(MARKET_SITUATIONS),
		needsRnd: z.boolean(),
		initiativeId: lineText().optional()
	})
	.strict();

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ange datum som ÅÅÅÅ-MM-DD.').refine((s) => !Number.isNaN(Date.parse(s)), 'Ogiltigt datum.');

export const ThresholdBody = z
	.object({
		name: z.enum(THRESHOLD_NAMES),
		buyerKind: z.enum(BUYER_KINDS).nullable(),
		purchaseKind: z.enum(PURCHASE_KINDS).nullable(),
		sek: sek.min(1, 'Beloppet måste vara större än noll.'),
		validFrom: day,
		validTo: day.nullable(),
		/** When the figure must be checked again; optional, null when no review is due. */
		reviewBy: day.nullable().optional(),
		source: lineText().trim().min(3, 'Ange källan (lag, förordning eller myndighetens sida).').max(500)
	})
	.strict()
	.refine((t) => t.validTo === null || t.validTo >= t.validFrom, { message: 'Slutdatum måste vara samma dag som eller efter startdatum.', path: ['validTo'] });

export const DecisionBody = z.object({
	procedure: z.enum(PROCEDURES),
	reasoning: multilineText().trim().min(1).max(4000),
	directAwardReason: multilineText().trim().max(4000).optional()
});
