/** Request bodies of the tender API, validated with zod (Swedish messages: they reach the UI). */
import { z } from 'zod';
import { CRITERION_KINDS } from '../db/schema/tenders.ts';
import { emailSchema } from '../initiatives/validation.ts';
import { MAX_SCORE } from './ranking.ts';

export const MAX_CRITERIA = 20;
export const MAX_ANSWERS = 500;
export const MAX_ANSWER_LENGTH = 20_000;
export const MAX_ATTACHMENTS = 20;

const text = (max: number, what: string) =>
	z
		.string({ error: `${what} måste vara text.` })
		.trim()
		.min(1, `${what} behöver fyllas i.`)
		.max(max, `${what} får vara högst ${max} tecken.`);

export const criterionSchema = z.object({
	name: text(200, 'Kriteriets namn'),
	weight: z.number({ error: 'Vikten måste vara ett tal.' }).positive('Vikten måste vara större än noll.').max(1000, 'Vikten får vara högst 1000.'),
	kind: z.enum(CRITERION_KINDS, { error: 'Kriteriet är antingen price eller quality.' }),
	requirementIds: z.array(z.string().min(1).max(64)).max(200).optional()
});

export const createTenderSchema = z
	.object({
		title: text(200, 'Titeln'),
		requirementsVersion: z.int({ error: 'Ange en publicerad kravversion.' }).min(1, 'Ange en publicerad kravversion.'),
		deadline: z.iso
			.datetime({ offset: true, error: 'Sista anbudsdag måste vara en tidpunkt med tidszon, t.ex. 2027-03-01T12:00:00+01:00.' })
			.transform((v) => new Date(v)),
		openers: z.array(z.uuid({ error: 'Okänd användare.' })).min(2, 'Ange minst två förrättare för anbudsöppningen.').max(10),
		criteria: z.array(criterionSchema).min(1, 'Ange minst ett tilldelningskriterium.').max(MAX_CRITERIA, `Högst ${MAX_CRITERIA} kriterier.`)
	})
	.refine((t) => new Set(t.openers.map((o) => o.toLowerCase())).size >= 2, {
		message: 'Anbudsöppningen behöver två olika förrättare.',
		path: ['openers']
	})
	.refine((t) => t.criteria.filter((c) => c.kind === 'price').length <= 1, { message: 'Högst ett priskriterium.', path: ['criteria'] });
export type CreateTenderInput = z.infer<typeof createTenderSchema>;

export const publishSchema = z.object({ open: z.boolean().optional() });
export const inviteSchema = z.object({ email: emailSchema });

export const confidentialitySchema = z.object({
	requirementId: z.string().min(1).max(64).optional(),
	what: text(2000, 'Vad som ska omfattas av sekretess'),
	why: text(4000, 'Skälet (vilken skada ett utlämnande skulle orsaka)')
});

export const submissionSchema = z.object({
	answers: z
		.array(
			z.object({
				requirementId: z.string({ error: 'Okänt krav.' }).min(1).max(64),
				value: z.string({ error: 'Svaret måste vara text.' }).max(MAX_ANSWER_LENGTH, `Ett svar får vara högst ${MAX_ANSWER_LENGTH} tecken.`)
			})
		)
		.max(MAX_ANSWERS),
	priceSek: z.number({ error: 'Priset måste vara ett tal i kronor.' }).positive('Priset måste vara större än noll.').max(1e12, 'Priset är orimligt stort.'),
	confidentiality: z.array(confidentialitySchema).max(MAX_ANSWERS + 1).optional(),
	attachments: z.array(z.uuid({ error: 'Okänd fil.' })).max(MAX_ATTACHMENTS, `Högst ${MAX_ATTACHMENTS} bilagor.`).optional()
});
export type SubmissionInput = z.infer<typeof submissionSchema>;

export const statementSchema = z.object({ statement: text(20_000, 'Yttrandet') });
export const decisionSchema = z.object({
	decision: z.enum(['lift', 'uphold'], { error: 'Beslutet är lift eller uphold.' }),
	reason: text(8000, 'Motiveringen')
});
export const declarationSchema = z.object({
	noConflict: z.literal(true, { error: 'Intyga att du inte har någon intressekonflikt (noConflict: true).' }),
	statement: z.string().trim().max(4000, 'Kommentaren får vara högst 4000 tecken.').optional()
});
export const scoreSchema = z.object({
	submissionId: z.uuid({ error: 'Okänt anbud.' }),
	criterionId: z.string().min(1).max(64),
	score: z.int({ error: `Poängen är ett heltal 0–${MAX_SCORE}.` }).min(0, `Poängen är 0–${MAX_SCORE}.`).max(MAX_SCORE, `Poängen är 0–${MAX_SCORE}.`),
	motivation: text(8000, 'Motiveringen')
});
export const confidentialityDecisionSchema = z.object({
	submissionId: z.uuid({ error: 'Okänt anbud.' }),
	index: z.int({ error: 'Ange vilken begäran om sekretess (index).' }).min(0).max(MAX_ANSWERS),
	granted: z.boolean({ error: 'Ange om sekretess beviljas (granted: true/false).' }),
	reason: text(8000, 'Motiveringen')
});
export const awardSchema = z.object({ submissionId: z.uuid({ error: 'Okänt anbud.' }), motivation: text(8000, 'Motiveringen') });

/**
 * An unsubmitted tender as the supplier left it: anything may still be missing, nothing may be
 * larger than a tender allows.
 */
export const draftSchema = z.object({
	answers: z.array(z.object({ requirementId: z.string().min(1).max(64), value: z.string().max(MAX_ANSWER_LENGTH, `Ett svar får vara högst ${MAX_ANSWER_LENGTH} tecken.`) })).max(MAX_ANSWERS),
	priceSek: z.number().min(0).max(1e12, 'Priset är orimligt stort.').nullable(),
	confidentiality: z
		.array(z.object({ requirementId: z.string().min(1).max(64).optional(), what: z.string().max(2000), why: z.string().max(4000) }))
		.max(MAX_ANSWERS + 1),
	attachments: z.array(z.uuid()).max(MAX_ATTACHMENTS, `Högst ${MAX_ATTACHMENTS} bilagor.`)
});
export type DraftInput = z.infer<typeof draftSchema>;

export const qualificationSchema = z.object({
	submissionId: z.uuid({ error: 'Okänt anbud.' }),
	qualified: z.boolean({ error: 'Ange om anbudsgivaren är kvalificerad (qualified: true/false).' }),
	reason: text(8000, 'Motiveringen')
});
export type QualificationInput = z.infer<typeof qualificationSchema>;
