/**
 * Input schemas of the initiatives module, shared by the JSON API, the form actions and the
 * OpenAPI document (`z.toJSONSchema`), so the three can never disagree about what is valid.
 */
import { z } from 'zod';
import { lineText, multilineText } from '../http/text.ts';
import { PHASES, ROLES, TEAM_LABELS } from '../db/schema/initiatives.ts';

/** Largest estimated value accepted, SEK (far above any municipal budget; keeps bigint safe). */
export const MAX_VALUE_SEK = 1_000_000_000_000;

const title = lineText().trim().min(1, 'Ange en titel.').max(200, 'Titeln får vara högst 200 tecken.');
const description = multilineText().trim().max(20_000, 'Beskrivningen får vara högst 20 000 tecken.');
const estimatedValueSek = z
	.number()
	.int('Ange värdet i hela kronor.')
	.min(0, 'Värdet kan inte vara negativt.')
	.max(MAX_VALUE_SEK, 'Värdet är orimligt stort.')
	.nullable();

export const createInitiativeSchema = z
	.object({
		title,
		description: description.optional(),
		estimatedValueSek: estimatedValueSek.optional(),
		/** Start from one of the organisation's method templates (a copy; see `templates/`). */
		templateId: z.uuid('Ange mallens id.').optional()
	});
export type CreateInitiativeInput = z.infer<typeof createInitiativeSchema>;

export const updateInitiativeSchema = z
	.object({
		title: title.optional(),
		description: description.optional(),
		estimatedValueSek: estimatedValueSek.optional(),
		phase: z.enum(PHASES).optional()
	});
export type UpdateInitiativeInput = z.infer<typeof updateInitiativeSchema>;

/** Lower-cased and trimmed: invitations are bound to the address, compared case-insensitively. */
export const emailSchema = z
	.string()
	.trim()
	.toLowerCase()
	.max(254, 'E-postadressen är för lång.')
	.pipe(z.email('Ange en giltig e-postadress.'));

const label = z.enum(TEAM_LABELS).nullable().optional();

export const inviteSchema = z
	.object({
		email: emailSchema,
		role: z.enum(ROLES),
		label
	});
export type InviteInput = z.infer<typeof inviteSchema>;

export const memberChangeSchema = z
	.object({
		role: z.enum(ROLES),
		label
	});
export type MemberChangeInput = z.infer<typeof memberChangeSchema>;

export const addOrganisationSchema = z
	.object({
		orgNumber: lineText().trim().min(1, 'Ange ett organisationsnummer.').max(20)
	});

/** Team labels only apply to team members; other roles carry none. */
export function labelFor(role: (typeof ROLES)[number], label: (typeof TEAM_LABELS)[number] | null | undefined) {
	return role === 'team' ? (label ?? null) : null;
}

/**
 * Parses the amount typed in a form: accepts Swedish spacing and separators ("450 000",
 * "450 000 kr", "1.500.000"), whole kronor only. Empty → null; garbage → NaN.
 */
export function parseSekInput(raw: string): number | null {
	const cleaned = raw.replace(/\s|\u00a0|\u202f/g, '').replace(/kr\.?$|sek$/i, '').replace(/[.,](?=\d{3}(\D|$))/g, '');
	if (cleaned === '') return null;
	if (!/^\d+$/.test(cleaned)) return Number.NaN;
	return Number(cleaned);
}
