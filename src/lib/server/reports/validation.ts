/**
 * Input schemas of the reports module (lessons learnt, method templates, the handover of the
 * process-leader role), shared by the JSON API, the form actions and the OpenAPI document.
 */
import { z } from 'zod';
import { lineText, multilineText } from '../http/text.ts';
import { PHASES } from '../db/schema/initiatives.ts';

export const MAX_LESSON_TEXT = 5_000;

const lessonText = multilineText().trim().max(MAX_LESSON_TEXT, `Högst ${MAX_LESSON_TEXT} tecken.`);

export const lessonSchema = z
	.object({
		phase: z.enum(PHASES),
		worked: lessonText.default(''),
		didNotWork: lessonText.default(''),
		recommendation: lessonText.default('')
	})
	.refine((l) => !!(l.worked || l.didNotWork || l.recommendation), {
		message: 'Skriv vad som fungerade, vad som inte fungerade eller en rekommendation.',
		path: ['worked'],
		params: { code: 'lesson_empty' }
	});
export type LessonInput = z.infer<typeof lessonSchema>;

/** A search of the organisation's lessons: free text (empty lists everything the caller may read). */
export const lessonSearchSchema = z.object({
	q: lineText().trim().max(200, 'Sökningen får vara högst 200 tecken.').default('')
});

export const createTemplateSchema = z.object({
	fromInitiativeId: z.uuid('Ange initiativets id.'),
	/** Template part keys (see `templates/parts.ts`); unknown keys are refused with 400 `unknown_part`. */
	parts: z.array(lineText().max(60)).max(20).default([]),
	title: lineText().trim().min(1, 'Ange en titel.').max(200, 'Titeln får vara högst 200 tecken.').optional(),
	description: multilineText().trim().max(2_000, 'Beskrivningen får vara högst 2 000 tecken.').optional()
});
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;

export const handoverSchema = z.object({
	/** The colleague who becomes process leader: a buyer-organisation member of the initiative. */
	toUserId: z.uuid('Ange vem som tar över.'),
	/** What the handing-over leader becomes: stays on as team member (default) or observer. */
	stayAs: z.enum(['team', 'observer']).default('team')
});
export type HandoverInput = z.infer<typeof handoverSchema>;
