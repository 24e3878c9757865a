/**
 * Input shapes of the account API and forms, validated with zod. Only the shape is checked
 * here; rules that need a reason the user can act on (password strength, organisation number,
 * invitations) are checked by the account service and answered with their own error codes.
 */
import { z } from 'zod';
import { lineText } from '../http/text.ts';
import { ORGANISATION_KINDS } from '../db/schema/accounts.ts';

/** Lower-cased and trimmed: one address, one account. */
export const email = z
	.string({ error: 'Ange en e-postadress.' })
	.trim()
	.toLowerCase()
	.max(254, { error: 'E-postadressen är för lång.' })
	.pipe(z.email({ error: 'Ange en giltig e-postadress, till exempel namn@kommun.se.' }));

/** Any string; length and commonness are judged by `passwordProblem` with a reason. */
export const password = z.string({ error: 'Ange ett lösenord.' }).max(4096, { error: 'Lösenordet är för långt.' });

export const personName = lineText({ error: 'Ange ditt namn.' })
	.trim()
	.min(1, { error: 'Ange ditt namn.' })
	.max(100, { error: 'Namnet får ha högst 100 tecken.' });

export const organisationInput = z.object({
	name: lineText({ error: 'Ange organisationens namn.' })
		.trim()
		.min(2, { error: 'Ange organisationens namn.' })
		.max(200, { error: 'Organisationens namn får ha högst 200 tecken.' }),
	kind: z.enum(ORGANISATION_KINDS, { error: 'Välj om organisationen är upphandlande organisation (buyer) eller leverantör (supplier).' }),
	orgNumber: lineText({ error: 'Ange organisationsnumret.' }).max(40, { error: 'Ogiltigt organisationsnummer.' })
});

/**
 * Sign-up: either a new organisation (`organisation`) or joining one through an invitation
 * (`inviteToken`, the last path segment of the invitation link). Exactly one of the two.
 */
export const signupInput = z.object({
	email,
	password,
	name: personName,
	organisation: organisationInput.optional(),
	inviteToken: lineText().max(200).optional()
});
export type SignupInput = z.infer<typeof signupInput>;

export const loginInput = z.object({
	// Not the strict email format: a malformed address must get the same answer as a wrong one.
	email: lineText({ error: 'Ange e-postadress.' }).trim().toLowerCase().max(254),
	password: z.string({ error: 'Ange lösenord.' }).max(4096)
});
export type LoginInput = z.infer<typeof loginInput>;

export const passwordChangeInput = z.object({
	currentPassword: z.string({ error: 'Ange ditt nuvarande lösenord.' }).max(4096),
	newPassword: password
});
export type PasswordChangeInput = z.infer<typeof passwordChangeInput>;

export const profileInput = z.object({ name: personName });

export const invitationInput = z.object({ email });

/** Asking for a link to choose a new password. */
export const passwordResetRequestInput = z.object({ email });

/** Choosing the new password with such a link. */
export const passwordResetInput = z.object({ password });

/** A platform administrator turns an account off or on. */
export const accountUpdateInput = z.object({
	disabled: z.boolean({ error: 'Ange disabled: true (stäng av kontot) eller false (aktivera det).' })
});
