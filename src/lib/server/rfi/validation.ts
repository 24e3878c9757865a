/** Request bodies of the RFI API, validated with zod (Swedish messages: they reach the UI). */
import { z } from 'zod';
import { MARKET_FINDINGS, RFI_QUESTION_KINDS } from '../db/schema/rfi.ts';
import { emailSchema } from '../initiatives/validation.ts';

export const MAX_QUESTIONS = 60;
export const MAX_OPTIONS = 20;
export const MAX_ANSWER_LENGTH = 20_000;

const text = (max: number, what: string) =>
	z
		.string({ error: `${what} måste vara text.` })
		.trim()
		.min(1, `${what} behöver fyllas i.`)
		.max(max, `${what} får vara högst ${max} tecken.`);

const optionalText = (max: number, what: string) =>
	z.string({ error: `${what} måste vara text.` }).trim().max(max, `${what} får vara högst ${max} tecken.`);

/** An ISO-8601 instant with a time zone (e.g. `2027-02-01T12:00:00+01:00`). */
const instant = (what: string) =>
	z.iso.datetime({ offset: true, error: `${what} måste vara en tidpunkt med tidszon, t.ex. 2027-02-01T12:00:00+01:00.` }).transform((v) => new Date(v));

export const questionSchema = z
	.object({
		id: z.uuid().optional(),
		text: text(2000, 'Frågan'),
		kind: z.enum(RFI_QUESTION_KINDS, { error: 'Frågetypen måste vara text, choice, scale eller file.' }),
		options: z.array(text(200, 'Svarsalternativet')).max(MAX_OPTIONS, `Högst ${MAX_OPTIONS} svarsalternativ.`).optional(),
		multiple: z.boolean().optional(),
		needId: z.uuid({ error: 'Behovet är okänt.' }).nullish(),
		requirementUid: z.string().max(64).nullish()
	})
	.refine((q) => q.kind !== 'choice' || (q.options?.length ?? 0) >= 2, { message: 'En flervalsfråga behöver minst två svarsalternativ.', path: ['options'] });

const roundFields = {
	title: text(200, 'Titeln'),
	intro: optionalText(20_000, 'Introduktionen').optional(),
	questions: z.array(questionSchema).min(1, 'Lägg till minst en fråga.').max(MAX_QUESTIONS, `Högst ${MAX_QUESTIONS} frågor.`),
	questionsDeadline: instant('Sista dag för frågor'),
	answersDeadline: instant('Sista dag för svar'),
	requirementsVersion: z.int().min(1).nullish(),
	open: z.boolean().optional()
};

const deadlinesInOrder = (r: { questionsDeadline?: Date; answersDeadline?: Date }) =>
	!r.questionsDeadline || !r.answersDeadline || r.questionsDeadline.getTime() <= r.answersDeadline.getTime();
const orderMessage = { message: 'Sista dag för frågor kan inte ligga efter sista dag för svar.', path: ['questionsDeadline'] };

export const createRfiSchema = z.object(roundFields).refine(deadlinesInOrder, orderMessage);
export type CreateRfiInput = z.infer<typeof createRfiSchema>;

export const updateRfiSchema = z.object(roundFields).partial().refine(deadlinesInOrder, orderMessage);
export type UpdateRfiInput = z.infer<typeof updateRfiSchema>;

export const inviteSchema = z.object({ email: emailSchema });

const answerValue = z.union([
	z.string().max(MAX_ANSWER_LENGTH, `Ett svar får vara högst ${MAX_ANSWER_LENGTH} tecken.`),
	z.array(z.string().max(200)).max(MAX_OPTIONS),
	z.number(),
	z.null()
]);

export const confidentialitySchema = z.object({
	questionId: z.uuid().optional(),
	what: text(2000, 'Vad som ska omfattas av sekretess'),
	why: text(4000, 'Skälet (vilken skada ett utlämnande skulle orsaka)')
});

export const responseSchema = z.object({
	answers: z.array(z.object({ questionId: z.uuid({ error: 'Okänd fråga.' }), value: answerValue })).max(MAX_QUESTIONS),
	confidentiality: z.array(confidentialitySchema).max(MAX_QUESTIONS + 1).optional(),
	/** The draft version the editor started from; a newer one saved by a colleague answers 409. */
	baseVersion: z.int().min(0).optional()
});
export type ResponseInput = z.infer<typeof responseSchema>;

export const clarificationSchema = z.object({ question: text(4000, 'Frågan') });

export const clarificationAnswerSchema = z.object({
	question: text(4000, 'Frågan').optional(),
	answer: text(8000, 'Svaret')
});

export const noticeSchema = z.object({ title: text(300, 'Rubriken'), body: text(20_000, 'Texten') });

export const answerNoteSchema = z.object({
	responseId: z.uuid(),
	questionId: z.uuid(),
	tags: z.array(text(40, 'Etiketten')).max(10, 'Högst tio etiketter.').optional(),
	score: z.int().min(1, 'Poängen är 1–5.').max(5, 'Poängen är 1–5.').nullish(),
	note: optionalText(4000, 'Anteckningen').optional()
});

export const analysisSchema = z.object({
	summary: optionalText(20_000, 'Sammanfattningen').optional(),
	marketFinding: z.enum(MARKET_FINDINGS, { error: 'Välj vad rundan visade om marknaden.' }).nullish()
});
