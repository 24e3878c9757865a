/**
 * Invitations to an initiative: a single-use link that expires after seven days and is bound to
 * the invited address. The token (160 bits from the CSPRNG) lives only in the link; the
 * database keeps its SHA-256, so a leaked table cannot be used to join.
 *
 * The invited person need not have an account yet: they sign up (their own organisation, or
 * through their organisation's invitation) and accept afterwards, signed in with that address.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, isNull } from 'drizzle-orm';
import * as audit from '../audit/index.ts';
import { limitersFor } from '../auth/ratelimit.ts';
import { ApiError } from '../http/api.ts';
import { initiativeInvitations, initiatives, memberships, users, type Role, type TeamLabel } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import { auditActor, supplierCannotLead } from './commands.ts';
import { accountForEmail } from './queries.ts';
import { labelFor, type InviteInput } from './validation.ts';

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

export function newToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Tokens are 32 base32 characters; anything else cannot be one and is not looked up. */
function plausibleToken(token: string): boolean {
	return /^[a-z2-7]{32}$/.test(token);
}

const ROLE_SV: Record<Role, string> = { process_leader: 'processledare', team: 'teammedlem', observer: 'observatör' };
const LABEL_SV: Record<TeamLabel, string> = {
	needs_owner: 'behovsägare',
	procurement_officer: 'upphandlare',
	operations: 'verksamhet',
	expert: 'expert'
};

/** The role as written in Swedish mail and journal text, e.g. "teammedlem (upphandlare)". */
export function roleText(role: Role, label: TeamLabel | null): string {
	return label ? `${ROLE_SV[role]} (${LABEL_SV[label]})` : ROLE_SV[role];
}

function invitationMail(opts: { to: string; inviter: string; title: string; role: Role; label: TeamLabel | null; url: string; expiresAt: Date; supplier: boolean }) {
	const until = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(opts.expiresAt);
	const lines = [
		'Hej!',
		'',
		`${opts.inviter} bjuder in dig att delta i initiativet ”${opts.title}” i Brygga som ${roleText(opts.role, opts.label)}.`,
		'',
		'Öppna länken för att tacka ja:',
		opts.url,
		'',
		`Länken fungerar en gång och gäller till ${until}. Du behöver vara inloggad med den här e-postadressen (${opts.to}). Har du inget konto skapar du ett först.`
	];
	if (opts.supplier) {
		lines.push(
			'',
			'Observera: du är registrerad för en leverantör. Om du bidrar till kravställningen i initiativet får din organisation inte lämna anbud i den kommande upphandlingen.'
		);
	}
	lines.push('', 'Väntade du dig inte den här inbjudan kan du bortse från meddelandet.', '', '/Brygga');
	return { to: opts.to, subject: `Inbjudan till ”${opts.title}” i Brygga`, body: lines.join('\n') };
}

export interface CreatedInvitation {
	id: string;
	inviteUrl: string;
	expiresAt: string;
	/** Set when the address belongs to a supplier's user: their contribution to requirements would bar the supplier. */
	supplierOrganisation: string | null;
}

/** Creates an invitation, journals it and mails the link (the outbox always keeps a copy). */
export async function createInvitation(
	app: App,
	actor: UserActor,
	initiativeId: string,
	input: InviteInput,
	opts: { origin: string; now?: Date }
): Promise<CreatedInvitation> {
	const now = opts.now ?? new Date();
	const email = input.email.trim().toLowerCase();
	// Every invitation is a mail: shared with organisation invitations, so no account can send in bulk.
	const limiter = limitersFor(app).inviteUser;
	const wait = limiter.retryAfter(actor.userId);
	if (wait) {
		throw new ApiError(429, 'rate_limited', `Du har skickat många inbjudningar på kort tid. Försök igen om ${Math.ceil(wait / 60)} minuter.`);
	}
	const label = labelFor(input.role, input.label);
	const account = await accountForEmail(app.db, email);
	const supplier = account?.organisationKind === 'supplier';
	if (supplier && input.role === 'process_leader') throw supplierCannotLead();
	if (account) {
		const [existing] = await app.db
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, account.userId)))
			.limit(1);
		if (existing) throw new ApiError(409, 'already_member', 'Personen är redan medlem i initiativet.');
	}
	const [initiative] = await app.db.select({ title: initiatives.title }).from(initiatives).where(eq(initiatives.id, initiativeId)).limit(1);
	if (!initiative) throw new ApiError(404, 'not_found', 'Finns inte.');

	const token = newToken();
	const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
	const id = await app.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(initiativeInvitations)
			.values({ initiativeId, email, role: input.role, label, tokenHash: hashToken(token), invitedBy: actor.userId, expiresAt, createdAt: now })
			.returning({ id: initiativeInvitations.id });
		await audit.record(tx, {
			initiativeId,
			actor: auditActor(actor),
			action: 'invitation.created',
			data: { invitationId: row.id, email, role: input.role, label, supplier }
		});
		return row.id;
	});
	limiter.hit(actor.userId);
	const inviteUrl = `${opts.origin.replace(/\/$/, '')}/invitations/${token}`;
	await app.mailer.send(invitationMail({ to: email, inviter: actor.name, title: initiative.title, role: input.role, label, url: inviteUrl, expiresAt, supplier }));
	return { id, inviteUrl, expiresAt: expiresAt.toISOString(), supplierOrganisation: supplier ? account!.organisationName : null };
}

/** Withdraws an open invitation; its link stops working at once. */
export async function revokeInvitation(app: App, actor: UserActor, initiativeId: string, invitationId: string) {
	await app.db.transaction(async (tx) => {
		const [row] = await tx
			.update(initiativeInvitations)
			.set({ revokedAt: new Date() })
			.where(
				and(
					eq(initiativeInvitations.id, invitationId),
					eq(initiativeInvitations.initiativeId, initiativeId),
					isNull(initiativeInvitations.acceptedAt),
					isNull(initiativeInvitations.revokedAt)
				)
			)
			.returning({ email: initiativeInvitations.email });
		if (!row) throw new ApiError(404, 'not_found', 'Inbjudan finns inte eller är redan använd.');
		await audit.record(tx, { initiativeId, actor: auditActor(actor), action: 'invitation.revoked', data: { invitationId, email: row.email } });
	});
}

export type InvitationStatus = 'open' | 'expired' | 'used' | 'revoked';

export interface InvitationView {
	status: InvitationStatus;
	initiativeId: string;
	initiativeTitle: string;
	email: string;
	role: Role;
	label: TeamLabel | null;
	inviterName: string;
	expiresAt: Date;
}

/** What the invitation page shows to whoever holds the link; null when no such invitation exists. */
export async function describeInvitation(db: Db, token: string, now = new Date()): Promise<InvitationView | null> {
	if (!plausibleToken(token)) return null;
	const [row] = await db
		.select({
			initiativeId: initiativeInvitations.initiativeId,
			initiativeTitle: initiatives.title,
			email: initiativeInvitations.email,
			role: initiativeInvitations.role,
			label: initiativeInvitations.label,
			inviterName: users.name,
			expiresAt: initiativeInvitations.expiresAt,
			acceptedAt: initiativeInvitations.acceptedAt,
			revokedAt: initiativeInvitations.revokedAt
		})
		.from(initiativeInvitations)
		.innerJoin(initiatives, eq(initiatives.id, initiativeInvitations.initiativeId))
		.innerJoin(users, eq(users.id, initiativeInvitations.invitedBy))
		.where(eq(initiativeInvitations.tokenHash, hashToken(token)))
		.limit(1);
	if (!row) return null;
	const status: InvitationStatus = row.acceptedAt
		? 'used'
		: row.revokedAt
			? 'revoked'
			: row.expiresAt.getTime() <= now.getTime()
				? 'expired'
				: 'open';
	const { acceptedAt: _a, revokedAt: _r, ...rest } = row;
	return { status, ...rest };
}

/**
 * Accepts an invitation for the signed-in user. The address must match (403 `wrong_account`);
 * used, revoked or expired links answer 410. Someone who is already a member keeps their role.
 */
export async function acceptInvitation(app: App, actor: UserActor, token: string, now = new Date()): Promise<{ initiativeId: string; role: Role }> {
	const view = await describeInvitation(app.db, token, now);
	if (!view) throw new ApiError(404, 'not_found', 'Inbjudan finns inte.');
	if (view.status === 'used') throw new ApiError(410, 'invitation_used', 'Inbjudan har redan använts.');
	if (view.status === 'revoked') throw new ApiError(410, 'invitation_revoked', 'Inbjudan har återkallats.');
	if (view.status === 'expired') throw new ApiError(410, 'invitation_expired', 'Inbjudan har gått ut. Be om en ny.');
	const [me] = await app.db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId)).limit(1);
	if (!me || me.email.toLowerCase() !== view.email) {
		throw new ApiError(403, 'wrong_account', 'Inbjudan gäller en annan e-postadress. Logga in med den adress inbjudan skickades till.');
	}
	if (view.role === 'process_leader' && actor.organisationKind !== 'buyer') throw supplierCannotLead();

	const role = await app.db.transaction(async (tx) => {
		const [claimed] = await tx
			.update(initiativeInvitations)
			.set({ acceptedAt: now })
			.where(and(eq(initiativeInvitations.tokenHash, hashToken(token)), isNull(initiativeInvitations.acceptedAt), isNull(initiativeInvitations.revokedAt)))
			.returning({ id: initiativeInvitations.id });
		// Someone else's request used it between our read and this write.
		if (!claimed) throw new ApiError(410, 'invitation_used', 'Inbjudan har redan använts.');
		const inserted = await tx
			.insert(memberships)
			.values({ initiativeId: view.initiativeId, userId: actor.userId, role: view.role, label: view.label })
			.onConflictDoNothing()
			.returning({ role: memberships.role });
		let effective: Role = view.role;
		if (!inserted.length) {
			const [existing] = await tx
				.select({ role: memberships.role })
				.from(memberships)
				.where(and(eq(memberships.initiativeId, view.initiativeId), eq(memberships.userId, actor.userId)));
			effective = existing.role;
		}
		await audit.record(tx, {
			initiativeId: view.initiativeId,
			actor: auditActor(actor),
			action: 'invitation.accepted',
			data: { invitationId: claimed.id, email: view.email, role: effective, label: view.label, alreadyMember: !inserted.length }
		});
		return effective;
	});
	app.events.emit('access-changed', { initiativeId: view.initiativeId, userId: actor.userId, reason: 'invitation.accepted' });
	return { initiativeId: view.initiativeId, role };
}
