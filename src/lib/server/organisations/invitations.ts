/**
 * Invitations into an organisation. An organisation's administrator invites a colleague by
 * email; the colleague signs up from the link and joins that organisation. The link carries
 * 32 random bytes (256 bits, base64url); only their SHA-256 is stored, so the table cannot be
 * used to join. A link is bound to the invited address, works once, and expires after 7 days.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { organisationInvitations, organisations, users } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import { journalled } from '../audit/command.ts';
import { failure, ok, type Failure, type Result } from '../auth/result.ts';
import { limitersFor } from '../auth/ratelimit.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

/** Shape of a token as issued: 43 base64url characters. Anything else is not looked up. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** Whether `token` has the shape `newInvitationToken` issues (checked before any lookup). */
export function isTokenShaped(token: string): boolean {
	return TOKEN_FORMAT.test(token);
}

export function newInvitationToken(): string {
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	return encodeBase64urlNoPadding(bytes);
}

export function hashInvitationToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export const invalidInvitation = (): Failure => ({
	status: 400,
	code: 'invalid_invitation',
	message: 'Inbjudan gäller inte: länken är felaktig, har redan använts, har gått ut eller gäller en annan e-postadress. Be din administratör om en ny inbjudan.',
	field: 'inviteToken'
});

export interface OpenInvitation {
	id: string;
	email: string;
	organisationId: string;
	organisationName: string;
	expiresAt: Date;
}

/** The unused, unexpired invitation behind a token, or null. */
export async function findOpenInvitation(db: Tx, token: string, now = new Date()): Promise<OpenInvitation | null> {
	if (!isTokenShaped(token)) return null;
	const [row] = await db
		.select({
			id: organisationInvitations.id,
			email: organisationInvitations.email,
			organisationId: organisationInvitations.organisationId,
			organisationName: organisations.name,
			expiresAt: organisationInvitations.expiresAt
		})
		.from(organisationInvitations)
		.innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
		.where(
			and(
				eq(organisationInvitations.tokenHash, hashInvitationToken(token)),
				isNull(organisationInvitations.acceptedAt),
				gt(organisationInvitations.expiresAt, now)
			)
		)
		.limit(1);
	return row ?? null;
}

/**
 * Marks an invitation used, inside the sign-up transaction. Returns false when another request
 * used it first (the update is conditional, so a token can never be spent twice).
 */
export async function consumeInvitation(tx: Tx, invitationId: string, now = new Date()): Promise<boolean> {
	const used = await tx
		.update(organisationInvitations)
		.set({ acceptedAt: now })
		.where(and(eq(organisationInvitations.id, invitationId), isNull(organisationInvitations.acceptedAt)))
		.returning({ id: organisationInvitations.id });
	return used.length === 1;
}

export interface CreatedInvitation {
	id: string;
	inviteUrl: string;
	expiresAt: Date;
}

/**
 * Invites a colleague into the actor's organisation and sends the mail (outbox). The caller has
 * asked the policy that the actor administers the organisation.
 */
export async function inviteColleague(
	app: App,
	opts: { actor: UserActor; email: string; origin: string }
): Promise<Result<CreatedInvitation>> {
	const { actor, origin } = opts;
	const email = opts.email.trim().toLowerCase();
	const limiter = limitersFor(app).inviteUser;
	const wait = limiter.retryAfter(actor.userId);
	if (wait) {
		return failure({ status: 429, code: 'rate_limited', message: 'Du har skickat många inbjudningar på kort tid. Försök igen senare.', retryAfter: wait });
	}
	const [existing] = await app.db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
	if (existing) {
		return failure({
			status: 409,
			code: 'email_taken',
			message: 'Det finns redan ett konto med den e-postadressen. Ett konto hör till en organisation.',
			field: 'email'
		});
	}
	limiter.hit(actor.userId);
	const [org] = await app.db
		.select({ name: organisations.name })
		.from(organisations)
		.where(eq(organisations.id, actor.organisationId))
		.limit(1);
	const token = newInvitationToken();
	const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
	const row = await journalled(app.db, async (tx, journal) => {
		const [created] = await tx
			.insert(organisationInvitations)
			.values({ organisationId: actor.organisationId, email, tokenHash: hashInvitationToken(token), invitedBy: actor.userId, expiresAt })
			.returning({ id: organisationInvitations.id });
		await journal({
			initiativeId: null,
			actor: { userId: actor.userId, label: actor.name },
			action: 'organisation.colleague_invited',
			data: { organisationId: actor.organisationId, invitationId: created.id, email }
		});
		return created;
	});
	const inviteUrl = `${origin.replace(/\/$/, '')}/invite/${token}`;
	await app.mailer.send(invitationMail({ to: email, inviter: actor.name, organisation: org?.name ?? '', inviteUrl, expiresAt }));
	app.log.info('org.invitation_created', { userId: actor.userId, organisationId: actor.organisationId, invitationId: row.id });
	return ok({ id: row.id, inviteUrl, expiresAt });
}

function formatDate(d: Date, locale: string) {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(d);
}

/** The invitation mail: Swedish first, with an English line for colleagues who need it. */
export function invitationMail(opts: { to: string; inviter: string; organisation: string; inviteUrl: string; expiresAt: Date }) {
	const { to, inviter, organisation, inviteUrl, expiresAt } = opts;
	return {
		to,
		subject: `Inbjudan till ${organisation} i Brygga`,
		body: [
			'Hej!',
			'',
			`${inviter} har bjudit in dig att gå med i ${organisation} i Brygga, plattformen för innovationsupphandling.`,
			'',
			'Skapa ditt konto via länken nedan. Länken fungerar en gång, bara för den här e-postadressen,',
			`och gäller till och med ${formatDate(expiresAt, 'sv-SE')}.`,
			'',
			inviteUrl,
			'',
			'Om du inte väntade dig den här inbjudan kan du bortse från mejlet.',
			'',
			`In English: ${inviter} invited you to join ${organisation} on Brygga. Create your account with the link above (valid once, for this address, until ${formatDate(expiresAt, 'en-GB')}).`
		].join('\n')
	};
}

export interface PendingInvitation {
	id: string;
	email: string;
	expiresAt: Date;
	createdAt: Date;
}

/** Unused, unexpired invitations of an organisation, newest first (for its administrators). */
export async function listPendingInvitations(db: Db, organisationId: string, now = new Date()): Promise<PendingInvitation[]> {
	return db
		.select({
			id: organisationInvitations.id,
			email: organisationInvitations.email,
			expiresAt: organisationInvitations.expiresAt,
			createdAt: organisationInvitations.createdAt
		})
		.from(organisationInvitations)
		.where(
			and(
				eq(organisationInvitations.organisationId, organisationId),
				isNull(organisationInvitations.acceptedAt),
				gt(organisationInvitations.expiresAt, now)
			)
		)
		.orderBy(desc(organisationInvitations.createdAt));
}
