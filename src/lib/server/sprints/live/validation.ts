/** Request bodies of the stage boards' API, validated with zod (Swedish messages: they reach the UI). */
import { z } from 'zod';
import { lineText, multilineText } from '../../http/text.ts';
import { NOTE_TAGS, SKETCH_PANELS, STORYBOARD_MAX } from '../../../shapes/sprint-board.ts';

const text = (max: number, what: string, opts: { multiline?: boolean } = {}) =>
	(opts.multiline ? multilineText : lineText)({ error: `${what} måste vara text.` })
		.trim()
		.min(1, `${what} behöver fyllas i.`)
		.max(max, `${what} får vara högst ${max} tecken.`);

const id = (what: string) => z.uuid({ error: `${what} saknas eller är ogiltig.` });

export const sketchSchema = z.object({
	title: text(120, 'Titeln'),
	panels: z
		.array((multilineText({ error: 'En ruta måste vara text.' }) as z.ZodString).trim().max(1000, 'En ruta får vara högst 1000 tecken.'), { error: 'Rutorna saknas.' })
		.length(SKETCH_PANELS, `En lösningsskiss har ${SKETCH_PANELS} rutor.`)
		.refine((p) => p.some((x) => x.length > 0), 'Skriv något i minst en ruta, eller fotografera skissen.'),
	fileIds: z.array(id('Filen')).max(SKETCH_PANELS, `Högst ${SKETCH_PANELS} foton.`).optional()
});

export const sketchRefSchema = z.object({ sketchId: id('Skissen') });

export const critiqueSchema = z.object({ sketchId: id('Skissen'), text: text(500, 'Kritiken', { multiline: true }) });

export const dotSchema = z.object({
	kind: z.enum(['heat', 'poll'], { error: 'Okänd sorts prick.' }),
	targetId: id('Skissen')
});

export const noteSchema = z.object({
	intervieweeId: id('Testpersonen'),
	frame: z.int({ error: 'Rutan måste vara ett heltal.' }).min(0, 'Rutan måste vara 0 eller mer.').max(STORYBOARD_MAX, `Högst ruta ${STORYBOARD_MAX}.`),
	tag: z.enum(NOTE_TAGS, { error: 'Märk anteckningen positiv, negativ eller neutral.' }),
	text: text(1000, 'Anteckningen', { multiline: true })
});

export const revealSchema = z.object({ reason: text(500, 'Skälet', { multiline: true }) });
