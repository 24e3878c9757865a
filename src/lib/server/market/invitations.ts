/**
 * Invitations of supplier organisations to a round on the market side (an RFI round today;
 * tenders and sprints invite the same way). A single-use link bound to the invited address,
 * valid for 30 days; only the token's SHA-256 is stored. Accepting admits the accepting user's
 * organisation — a supplier organisation — to the round. Someone without an account registers
 * their company from the link first, then accepts.
 *
 * The accept endpoint is the one every invitation uses (`POST /api/v1/invitations/:token/accept`):
 * `acceptAnyInvitation` tries the initiative invitations, then these.
 */
import { and, eq, isNull } from 'drizzle-orm';
import * as audit from '../audit/index.ts';
import { limitersFor } from '../auth/ratelimit.ts';
import { ApiError } from '../http/api.ts';
import { initiatives, organisations, supplierInvitations, supplierParticipants, users } from '../db/schema/index.ts';
import type { MarketSubject } from '../db/schema/market.ts';
import type { Db, Tx } from '../db/index.ts';
import { registry } from '../registry.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import { hashToken, newToken } from '../initiatives/invitations.ts';

export const SUPPLIER_INVITATION_TTL_MS = 30 * 24 * 3_600_000;

/**
 * What a capability does, inside the accepting transaction, when an invitation of its kind is
 * accepted (e.g. a sprint fills in its room's organisation). Throwing an `ApiError` refuses the
 * acceptance and rolls it back.
 */
export type InvitationAcceptedHandler = (tx: Tx, input: { subjectId: string; organisationId: string; actor: UserActor; now: Date }) => Promise<void>;
const acceptHandlers = registry<InvitationAcceptedHandler>('market.invitation-accepted');

/** Registers the handler for one subject kind (one per kind). */
export function onSupplierInvitationAccepted(kind: MarketSubject, handler: InvitationAcceptedHandler): void {
	acceptHandlers.set(kind, handler);
}

const plausibleToken = (token: string) => /^[a-z2-7]{32}$/.test(token);

export interface SupplierInviteInput {
	subjectKind: MarketSubject;
	subjectId: string;
	initiativeId: string;
	/** What the round is called, for the mail. */
	subjectTitle: string;
	email: string;
	origin: string;
}

const SUBJECT_SV: Record<MarketSubject, string> = { rfi: 'en RFI-runda (marknadsdialog)', tender: 'en upphandling (anbudsgivning)', sprint: 'en innovationssprint' };
const SUBJECT_EN: Record<MarketSubject, string> = { rfi: 'an RFI round (market dialogue)', tender: 'a tender (call for tenders)', sprint: 'an innovation sprint' };

/** Creates the invitation, journals it and mails the link. */
export async function inviteSupplier(app: App, actor: UserActor, input: SupplierInviteInput): Promise<{ id: string; inviteUrl: string; expiresAt: string }> {
	const limiter = limitersFor(app).inviteUser;
	const wait = limiter.retryAfter(actor.userId);
	if (wait) throw new ApiError(429, 'rate_limited', `Du har skickat många inbjudningar på kort tid. Försök igen om ${Math.ceil(wait / 60)} minuter.`);
	const email = input.email.trim().toLowerCase();
	const [existing] = await app.db
		.select({ id: users.id, kind: organisations.kind })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(users.email, email))
		.limit(1);
	if (existing && existing.kind !== 'supplier') {
		throw new ApiError(409, 'not_a_supplier', 'Adressen tillhör en användare i en upphandlande organisation. Bjud in en leverantörs adress.');
	}
	const now = app.clock.now();
	const token = newToken();
	const expiresAt = new Date(now.getTime() + SUPPLIER_INVITATION_TTL_MS);
	const [buyer] = await app.db
		.select({ title: initiatives.title, inviter: users.name, organisation: organisations.name })
		.from(initiatives)
		.innerJoin(users, eq(users.id, actor.userId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(initiatives.id, input.initiativeId))
		.limit(1);
	const id = await app.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(supplierInvitations)
			.values({ subjectKind: input.subjectKind, subjectId: input.subjectId, initiativeId: input.initiativeId, email, tokenHash: hashToken(token), invitedBy: actor.userId, expiresAt, createdAt: now })
			.returning({ id: supplierInvitations.id });
		await audit.record(tx, {
			initiativeId: input.initiativeId,
			actor: { userId: actor.userId, label: actor.name },
			action: 'supplier.invited',
			data: { invitationId: row.id, subjectKind: input.subjectKind, subjectId: input.subjectId, email, registered: !!existing }
		});
		return row.id;
	});
	limiter.hit(actor.userId);
	const inviteUrl = `${input.origin.replace(/\/$/, '')}/supplier-invitations/${token}`;
	const until = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(expiresAt);
	await app.mailer.send({
		to: email,
		subject: `Inbjudan: ${input.subjectTitle}`,
		body: [
			`${buyer?.inviter ?? actor.name}, ${buyer?.organisation ?? ''}, bjuder in er till ${SUBJECT_SV[input.subjectKind]}: "${input.subjectTitle}".`,
			existing
				? 'Logga in i Brygga med den här adressen och godkänn inbjudan:'
				: 'Registrera ert företag i Brygga med organisationsnummer och den här adressen, och godkänn sedan inbjudan:',
			inviteUrl,
			`Länken gäller till ${until} och kan användas en gång.`,
			'—',
			`${buyer?.inviter ?? actor.name} (${buyer?.organisation ?? ''}) invites you to ${SUBJECT_EN[input.subjectKind]}: "${input.subjectTitle}". Open the link above, sign in or register your company, and accept.`
		].join('\n\n')
	});
	return { id, inviteUrl, expiresAt: expiresAt.toISOString() };
}

export type SupplierInvitationStatus = 'open' | 'used' | 'expired';

export interface SupplierInvitationView {
	id: string;
	status: SupplierInvitationStatus;
	subjectKind: MarketSubject;
	subjectId: string;
	initiativeId: string;
	email: string;
	buyerName: string;
	expiresAt: Date;
}

/** What the invitation page shows to whoever holds the link; null when there is no such invitation. */
export async function describeSupplierInvitation(db: Db, token: string, now: Date): Promise<SupplierInvitationView | null> {
	if (!plausibleToken(token)) return null;
	const [row] = await db
		.select({
			id: supplierInvitations.id,
			subjectKind: supplierInvitations.subjectKind,
			subjectId: supplierInvitations.subjectId,
			initiativeId: supplierInvitations.initiativeId,
			email: supplierInvitations.email,
			expiresAt: supplierInvitations.expiresAt,
			acceptedAt: supplierInvitations.acceptedAt,
			buyerName: organisations.name
		})
		.from(supplierInvitations)
		.innerJoin(users, eq(users.id, supplierInvitations.invitedBy))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(supplierInvitations.tokenHash, hashToken(token)))
		.limit(1);
	if (!row) return null;
	const status: SupplierInvitationStatus = row.acceptedAt ? 'used' : row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
	const { acceptedAt: _a, ...rest } = row;
	return { ...rest, status };
}

/**
 * Accepts for the signed-in user: the address must be the invited one (403 `wrong_account`) and
 * the user's organisation a supplier (403 `not_a_supplier`); used or expired links answer 410.
 */
export async function acceptSupplierInvitation(app: App, actor: UserActor, token: string): Promise<{ subjectKind: MarketSubject; subjectId: string }> {
	const now = app.clock.now();
	const view = await describeSupplierInvitation(app.db, token, now);
	if (!view) throw new ApiError(404, 'not_found', 'Inbjudan finns inte.');
	if (view.status === 'used') throw new ApiError(410, 'invitation_used', 'Inbjudan har redan använts.');
	if (view.status === 'expired') throw new ApiError(410, 'invitation_expired', 'Inbjudan har gått ut. Be om en ny.');
	const [me] = await app.db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId)).limit(1);
	if (!me || me.email.toLowerCase() !== view.email) {
		throw new ApiError(403, 'wrong_account', 'Inbjudan gäller en annan e-postadress. Logga in med den adress inbjudan skickades till.');
	}
	if (actor.organisationKind !== 'supplier') throw new ApiError(403, 'not_a_supplier', 'Bara leverantörer kan godkänna en sådan inbjudan.');
	await app.db.transaction(async (tx) => {
		const [claimed] = await tx
			.update(supplierInvitations)
			.set({ acceptedAt: now, acceptedBy: actor.userId })
			.where(and(eq(supplierInvitations.id, view.id), isNull(supplierInvitations.acceptedAt)))
			.returning({ id: supplierInvitations.id });
		if (!claimed) throw new ApiError(410, 'invitation_used', 'Inbjudan har redan använts.');
		await tx
			.insert(supplierParticipants)
			.values({ subjectKind: view.subjectKind, subjectId: view.subjectId, organisationId: actor.organisationId, via: 'invitation', joinedAt: now })
			.onConflictDoNothing();
		await acceptHandlers.get(view.subjectKind)?.(tx, { subjectId: view.subjectId, organisationId: actor.organisationId, actor, now });
		await audit.record(tx, {
			initiativeId: view.initiativeId,
			actor: { userId: actor.userId, label: actor.name },
			action: 'supplier.invitation_accepted',
			data: { invitationId: view.id, subjectKind: view.subjectKind, subjectId: view.subjectId, organisationId: actor.organisationId }
		});
	});
	return { subjectKind: view.subjectKind, subjectId: view.subjectId };
}
