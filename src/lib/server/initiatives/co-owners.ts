/**
 * Joint buyers by consent. A process leader invites another buyer organisation, found by its
 * organisation number, to own the initiative together; an administrator of that organisation
 * accepts or declines. Until then nothing of the initiative counts for the invited organisation:
 * it is not among their initiatives, and its value does not enter their procedure advice
 * (same-kind purchases are added up over `initiative_organisations`, which only acceptance
 * writes). Without consent a stranger could otherwise push another municipality's direct award
 * over the limit, or learn what it plans.
 *
 * Journal: the invitation and the decision go into the initiative's journal; the decision also
 * into the platform chain, so the invited organisation's side of it is on record even when it
 * declines (and so never sees the initiative's journal).
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import * as audit from '../audit/index.ts';
import { ApiError, notFound, forbidden } from '../http/api.ts';
import { coOwnerInvitations, initiativeOrganisations, initiatives, organisations, users, type CoOwnerInvitationStatus } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { App } from '../app.ts';
import { levelFor, type UserActor } from '../access/policy.ts';
import { normaliseOrgNumber } from '../organisations/org-number.ts';
import { auditActor } from './commands.ts';

export interface CoOwnerInvitation {
	id: string;
	status: CoOwnerInvitationStatus;
	organisation: { id: string; name: string };
	createdAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Invites the buyer organisation with this number to co-own the initiative (the caller holds
 * `initiative` admin). Refuses unknown numbers, suppliers, current owners and a second pending
 * invitation; mails the organisation's administrators through the outbox once committed.
 */
export async function inviteOrganisation(app: App, actor: UserActor, initiativeId: string, orgNumberInput: string, origin: string): Promise<CoOwnerInvitation> {
	const orgNumber = normaliseOrgNumber(orgNumberInput);
	if (!orgNumber) throw new ApiError(400, 'invalid_org_number', 'Organisationsnumret är inte giltigt (kontrollsiffran stämmer inte).');
	const [org] = await app.db
		.select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
		.from(organisations)
		.where(eq(organisations.orgNumber, orgNumber))
		.limit(1);
	if (!org) throw new ApiError(404, 'organisation_not_found', 'Det finns ingen organisation med det numret i Brygga ännu.');
	if (org.kind !== 'buyer') throw new ApiError(400, 'not_a_buyer', 'Bara upphandlande organisationer kan äga ett initiativ.');
	const created = await app.db.transaction(async (tx) => {
		const [initiative] = await tx.select({ title: initiatives.title }).from(initiatives).where(eq(initiatives.id, initiativeId)).for('update');
		if (!initiative) throw notFound();
		const [owner] = await tx
			.select({ id: initiativeOrganisations.organisationId })
			.from(initiativeOrganisations)
			.where(and(eq(initiativeOrganisations.initiativeId, initiativeId), eq(initiativeOrganisations.organisationId, org.id)))
			.limit(1);
		if (owner) throw new ApiError(409, 'already_owner', 'Organisationen äger redan initiativet.');
		const inserted = await tx
			.insert(coOwnerInvitations)
			.values({ initiativeId, organisationId: org.id, invitedBy: actor.userId })
			.onConflictDoNothing()
			.returning({ id: coOwnerInvitations.id, createdAt: coOwnerInvitations.createdAt });
		if (!inserted.length) throw new ApiError(409, 'already_invited', 'Organisationen är redan inbjuden och har inte svarat än.');
		await audit.record(tx, {
			initiativeId,
			actor: auditActor(actor),
			action: 'organisation.invited',
			data: { invitationId: inserted[0].id, organisationId: org.id, name: org.name, orgNumber }
		});
		return { ...inserted[0], title: initiative.title };
	});
	await mailAdministrators(app, { organisationId: org.id, inviter: actor.name, title: created.title, origin });
	return { id: created.id, status: 'pending', organisation: { id: org.id, name: org.name }, createdAt: created.createdAt.toISOString() };
}

/** Tells the invited organisation's administrators (outbox, and SMTP when configured). */
async function mailAdministrators(app: App, opts: { organisationId: string; inviter: string; title: string; origin: string }) {
	const admins = await app.db
		.select({ email: users.email })
		.from(users)
		.where(and(eq(users.organisationId, opts.organisationId), eq(users.orgAdmin, true)))
		.orderBy(asc(users.email));
	const link = `${opts.origin.replace(/\/$/, '')}/organisation#co-owner-invitations`;
	for (const a of admins) {
		if (!a.email) continue;
		await app.mailer.send({
			to: a.email,
			subject: `Inbjudan att äga initiativet ”${opts.title}” i Brygga`,
			body:
				`${opts.inviter} bjuder in er organisation att äga initiativet ”${opts.title}” tillsammans i Brygga.\n\n` +
				`Inget av initiativet räknas för er – inte heller dess värde i er samlade direktupphandling – förrän en administratör i er organisation har tackat ja.\n\n` +
				`Svara på inbjudan här: ${link}\n\n` +
				`In English: ${opts.inviter} invites your organisation to own the initiative “${opts.title}” together in Brygga. ` +
				`Nothing of it counts for you (not even its value in your same-kind direct-award total) until an administrator of your organisation accepts: ${link}\n`
		});
	}
}

/** Invitations of an initiative that are still waiting for an answer, oldest first. */
export async function pendingForInitiative(db: Db, initiativeId: string): Promise<CoOwnerInvitation[]> {
	const rows = await db
		.select({ id: coOwnerInvitations.id, orgId: organisations.id, orgName: organisations.name, createdAt: coOwnerInvitations.createdAt })
		.from(coOwnerInvitations)
		.innerJoin(organisations, eq(organisations.id, coOwnerInvitations.organisationId))
		.where(and(eq(coOwnerInvitations.initiativeId, initiativeId), eq(coOwnerInvitations.status, 'pending')))
		.orderBy(asc(coOwnerInvitations.createdAt));
	return rows.map((r) => ({ id: r.id, status: 'pending', organisation: { id: r.orgId, name: r.orgName }, createdAt: r.createdAt.toISOString() }));
}

export interface ReceivedInvitation {
	id: string;
	initiative: { id: string; title: string };
	/** The organisations that own the initiative now, and who invited. */
	owners: string[];
	invitedBy: string;
	createdAt: string;
}

/**
 * Pending invitations to an organisation, newest first: only its administrators ask (policy
 * `organisation` admin) — they need the initiative's title to decide, nobody else there sees it.
 */
export async function pendingForOrganisation(db: Db, organisationId: string): Promise<ReceivedInvitation[]> {
	const rows = await db
		.select({
			id: coOwnerInvitations.id,
			initiativeId: initiatives.id,
			title: initiatives.title,
			invitedBy: users.name,
			createdAt: coOwnerInvitations.createdAt
		})
		.from(coOwnerInvitations)
		.innerJoin(initiatives, eq(initiatives.id, coOwnerInvitations.initiativeId))
		.innerJoin(users, eq(users.id, coOwnerInvitations.invitedBy))
		.where(and(eq(coOwnerInvitations.organisationId, organisationId), eq(coOwnerInvitations.status, 'pending')))
		.orderBy(desc(coOwnerInvitations.createdAt));
	const result: ReceivedInvitation[] = [];
	for (const r of rows) {
		const owners = await db
			.select({ name: organisations.name })
			.from(initiativeOrganisations)
			.innerJoin(organisations, eq(organisations.id, initiativeOrganisations.organisationId))
			.where(eq(initiativeOrganisations.initiativeId, r.initiativeId))
			.orderBy(asc(organisations.name));
		result.push({ id: r.id, initiative: { id: r.initiativeId, title: r.title }, owners: owners.map((o) => o.name), invitedBy: r.invitedBy, createdAt: r.createdAt.toISOString() });
	}
	return result;
}

/**
 * Accepts or declines an invitation on behalf of the invited organisation. 404 when the caller
 * is not of that organisation (or the id is unknown), 403 when they are but are not one of its
 * administrators, 409 when it has already been answered. Accepting adds the organisation as
 * owner in the same transaction as both journal entries.
 */
export async function decideInvitation(app: App, actor: UserActor, invitationId: string, decision: 'accepted' | 'declined'): Promise<CoOwnerInvitation> {
	if (!UUID.test(invitationId)) throw notFound();
	const outcome = await app.db.transaction(async (tx) => {
		const [inv] = await tx
			.select({
				id: coOwnerInvitations.id,
				initiativeId: coOwnerInvitations.initiativeId,
				organisationId: coOwnerInvitations.organisationId,
				status: coOwnerInvitations.status,
				createdAt: coOwnerInvitations.createdAt
			})
			.from(coOwnerInvitations)
			.where(eq(coOwnerInvitations.id, invitationId))
			.for('update');
		if (!inv) throw notFound();
		const level = levelFor(actor, { resource: 'organisation', organisationId: inv.organisationId });
		if (level === 'none') throw notFound();
		if (level !== 'admin') throw forbidden();
		if (inv.status !== 'pending') throw new ApiError(409, 'already_decided', 'Inbjudan är redan besvarad.');
		const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, inv.organisationId));
		await tx
			.update(coOwnerInvitations)
			.set({ status: decision, decidedBy: actor.userId, decidedAt: new Date() })
			.where(eq(coOwnerInvitations.id, inv.id));
		if (decision === 'accepted') {
			await tx.insert(initiativeOrganisations).values({ initiativeId: inv.initiativeId, organisationId: inv.organisationId }).onConflictDoNothing();
		}
		const action = decision === 'accepted' ? 'organisation.invitation_accepted' : 'organisation.invitation_declined';
		const data = { invitationId: inv.id, organisationId: inv.organisationId, name: org?.name ?? '' };
		await audit.record(tx, { initiativeId: inv.initiativeId, actor: auditActor(actor), action, data });
		await audit.record(tx, { initiativeId: null, actor: auditActor(actor), action, data: { ...data, initiativeId: inv.initiativeId } });
		return { inv, name: org?.name ?? '' };
	});
	return {
		id: outcome.inv.id,
		status: decision,
		organisation: { id: outcome.inv.organisationId, name: outcome.name },
		createdAt: outcome.inv.createdAt.toISOString()
	};
}
