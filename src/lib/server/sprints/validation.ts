/** Request bodies of the sprint API, validated with zod (Swedish messages: they reach the UI). */
import { z } from 'zod';
import { SPRINT_LOG_KINDS, SPRINT_STAGES } from '../db/schema/sprints.ts';
import { emailSchema } from '../initiatives/validation.ts';

export const MAX_TIMER_SECONDS = 8 * 3600;

const text = (max: number, what: string) =>
	z
		.string({ error: `${what} måste vara text.` })
		.trim()
		.min(1, `${what} behöver fyllas i.`)
		.max(max, `${what} får vara högst ${max} tecken.`);

const uuid = (what: string) => z.uuid({ error: `${what} är inte ett giltigt id.` }).transform((v) => v.toLowerCase());

export const createSprintSchema = z.object({
	title: text(200, 'Titeln'),
	template: z.string({ error: 'Ange en mall.' }).trim().min(1, 'Ange en mall.').max(64, 'Okänd mall.'),
	goal: text(2000, 'Det långsiktiga målet'),
	questions: z.array(text(500, 'En sprintfråga'), { error: 'Sprintfrågorna är en lista med text.' }).max(20, 'Högst 20 sprintfrågor.'),
	needIds: z.array(uuid('Behovet')).max(50, 'Högst 50 behov.').optional(),
	requirementsVersion: z.int({ error: 'Kravversionen är ett heltal.' }).min(1, 'Kravversionen är ett positivt heltal.').max(100_000).optional()
});
export type CreateSprintInput = z.infer<typeof createSprintSchema>;

export const templateSchema = z.object({
	name: text(200, 'Mallens namn'),
	schedule: z
		.array(
			z.object({
				day: z.int({ error: 'Dagen är ett heltal.' }).min(1).max(30),
				stages: z.array(z.enum(SPRINT_STAGES, { error: 'Okänt steg.' })).min(1, 'Varje dag har minst ett steg.').max(5)
			}),
			{ error: 'Schemat är en lista med dagar.' }
		)
		.min(1, 'Schemat har minst en dag.')
		.max(30, 'Högst 30 dagar.')
});
export type TemplateInput = z.infer<typeof templateSchema>;

export const addRoomSchema = z.union(
	[z.object({ organisationId: uuid('Organisationen') }).strict(), z.object({ email: emailSchema }).strict()],
	{ error: 'Ange antingen organisationId eller email.' }
);
export type AddRoomInput = z.infer<typeof addRoomSchema>;

export const roomSettingsSchema = z
	.object({
		deciderUserId: uuid('Beslutsfattaren').nullable().optional(),
		members: z.array(uuid('Teammedlemmen')).max(50, 'Högst 50 teammedlemmar per rum.').optional(),
		locked: z.boolean({ error: 'locked är true eller false.' }).optional(),
		confidential: z.boolean({ error: 'confidential är true eller false.' }).optional()
	})
	.refine((v) => Object.keys(v).length > 0, { message: 'Ange minst en inställning.' });
export type RoomSettingsInput = z.infer<typeof roomSettingsSchema>;

export const termsSchema = z.object({
	accept: z.literal(true, { error: 'Godkänn villkoren (accept: true).' })
});

export const inputSchema = z
	.object({
		title: text(300, 'Rubriken'),
		body: z.string({ error: 'Texten måste vara text.' }).max(50_000, 'Texten får vara högst 50 000 tecken.').optional(),
		fileIds: z.array(uuid('Filen')).max(20, 'Högst 20 filer per underlag.').optional(),
		roomId: uuid('Rummet').optional(),
		reason: z.string({ error: 'Skälet måste vara text.' }).trim().max(2000, 'Skälet får vara högst 2000 tecken.').optional()
	})
	.refine((v) => !v.roomId || (v.reason ?? '').length > 0, {
		message: 'Ange ett skriftligt skäl när underlaget bara skickas till ett rum.',
		path: ['reason'],
		params: { code: 'reason_required' }
	});
export type InputInput = z.infer<typeof inputSchema>;

export const stageSchema = z.object({
	stage: z.enum(SPRINT_STAGES, { error: 'Steget är map, sketch, decide, prototype eller test.' }),
	timerSeconds: z.int({ error: 'Timern anges i hela sekunder.' }).min(10, 'Timern är minst 10 sekunder.').max(MAX_TIMER_SECONDS, 'Timern är högst åtta timmar.').optional()
});
export type StageInput = z.infer<typeof stageSchema>;

export const lockSchema = z.object({
	locked: z.boolean({ error: 'locked är true eller false.' }),
	roomId: uuid('Rummet').optional()
});

export const questionSchema = z.object({ text: text(4000, 'Frågan') });

export const answerSchema = z.object({
	answer: text(8000, 'Svaret'),
	/** The question reworded so it does not identify the asker (published in its place). */
	question: text(4000, 'Frågan').optional(),
	/** Why the answer concerns only the asking supplier's own solution: then it goes to that room only. */
	specificReason: z.string({ error: 'Skälet måste vara text.' }).trim().min(1, 'Skälet behöver fyllas i.').max(2000).optional()
});

export const meetingSchema = z
	.object({
		startedAt: z.iso.datetime({ offset: true, error: 'Starttiden är en tidpunkt med tidszon.' }).transform((v) => new Date(v)),
		endedAt: z.iso.datetime({ offset: true, error: 'Sluttiden är en tidpunkt med tidszon.' }).transform((v) => new Date(v)),
		topic: z.string({ error: 'Ämnet måste vara text.' }).trim().max(500).optional(),
		userIds: z.array(uuid('Deltagaren')).max(50).optional()
	})
	.refine((m) => m.endedAt.getTime() > m.startedAt.getTime(), { message: 'Mötet måste sluta efter att det började.', path: ['endedAt'] });
export type MeetingInput = z.infer<typeof meetingSchema>;

export const logEntrySchema = z
	.object({
		stage: z.enum(SPRINT_STAGES, { error: 'Steget är map, sketch, decide, prototype eller test.' }),
		kind: z.enum(SPRINT_LOG_KINDS, { error: 'Posten är decision eller finding.' }),
		text: text(8000, 'Texten'),
		needIds: z.array(uuid('Behovet')).max(20).optional(),
		/** Opens a requirement change proposal (findings only): a requirement by uid or key ("K3"), or none for a new one. */
		proposal: z
			.object({
				requirementUid: z.string().trim().min(1).max(64).optional(),
				text: text(8000, 'Förslaget till kravändring')
			})
			.optional()
	})
	.refine((v) => !v.proposal || v.kind === 'finding', {
		message: 'Ett förslag till kravändring utgår från en lärdom: välj Lärdom.',
		path: ['proposal'],
		params: { code: 'not_a_finding' }
	});
export type LogEntryInput = z.infer<typeof logEntrySchema>;
