/** Request bodies of the workshop API, validated with zod (Swedish messages: they reach the UI). */
import { z } from 'zod';
import { lineText, multilineText } from '../http/text.ts';
import { TARGET_PHASES } from './phases.ts';
import { MAX_CARD_LENGTH, MAX_VOTES } from './index.ts';

/** One line unless `multiline`; lone surrogates and control characters are refused (`text.ts`). */
const text = (max: number, what: string, opts: { multiline?: boolean } = {}) =>
	(opts.multiline ? multilineText : lineText)({ error: `${what} måste vara text.` })
		.trim()
		.min(1, `${what} behöver fyllas i.`)
		.max(max, `${what} får vara högst ${max} tecken.`);

export const createWorkshopSchema = z.object({
	title: text(200, 'Titeln'),
	question: text(500, 'Frågan', { multiline: true }),
	votesPerParticipant: z.int().min(1, 'Minst 1 röst.').max(MAX_VOTES, `Högst ${MAX_VOTES} röster.`).optional(),
	anonymous: z.boolean().optional(),
	silent: z.boolean().optional()
});

export const updateWorkshopSchema = createWorkshopSchema.partial();

export const phaseSchema = z.object({
	phase: z.enum(TARGET_PHASES, { error: 'Okänd fas.' })
});

/** Display names: what the others see in a named workshop; no email addresses. */
export const displayNameSchema = text(40, 'Namnet').refine((v) => !/\S+@\S+\.\S+/.test(v), {
	message: 'Skriv ett namn, inte en e-postadress.'
});

export const joinSchema = z.object({
	code: lineText({ error: 'Koden måste vara text.' }).max(32, 'Koden är för lång.'),
	displayName: displayNameSchema
});

export const cardSchema = z.object({ text: text(MAX_CARD_LENGTH, 'Kortet', { multiline: true }) });

export const voteSchema = z.object({ targetId: lineText().min(1).max(64) });

export const lockSchema = z.object({ locked: z.boolean() });

export const timerSchema = z.object({
	/** Seconds from now; null stops the timer. */
	seconds: z.int().min(10, 'Minst 10 sekunder.').max(3 * 3600, 'Högst tre timmar.').nullable()
});

export const tallySchema = z.object({ visible: z.boolean() });
