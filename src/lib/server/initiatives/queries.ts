/**
 * Reads of the initiatives module. No access decisions here: callers have asked the policy
 * (see `access.ts`) before they call these.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, max, min, sql } from 'drizzle-orm';
import {
	docLedger,
	initiativeInvitations,
	initiativeOrganisations,
	initiatives,
	memberships,
	organisations,
	users,
	type Phase,
	type Role,
	type TeamLabel
} from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { OrganisationKind } from '../db/schema/accounts.ts';
import type { Actor } from '../access/policy.ts';
import { knownTo } from '../access/people.ts';

/** Names of the initiative's live documents (the collab server parses them in `access/docs.ts`). */
export function docsOf(initiativeId: string) {
	return { brief: `brief.${initiativeId}`, requirements: `requirements.${initiativeId}` };
}

export interface InitiativeSummary {
	id: string;
	title: string;
	phase: Phase;
	role: Role;
	label: TeamLabel | null;
	estimatedValueSek: number | null;
	updatedAt: Date;
}

/** The initiatives a user is a member of, most recently changed first. */
export async function listForUser(db: Db, userId: string): Promise<InitiativeSummary[]> {
	return db
		.select({
			id: initiatives.id,
			title: initiatives.title,
			phase: initiatives.phase,
			role: memberships.role,
			label: memberships.label,
			estimatedValueSek: initiatives.estimatedValueSek,
			updatedAt: initiatives.updatedAt
		})
		.from(memberships)
		.innerJoin(initiatives, eq(initiatives.id, memberships.initiativeId))
		.where(eq(memberships.userId, userId))
		.orderBy(desc(initiatives.updatedAt), asc(initiatives.title));
}

export interface InitiativeDetail {
	id: string;
	title: string;
	description: string;
	phase: Phase;
	estimatedValueSek: number | null;
	organisations: Array<{ id: string; name: string }>;
	createdAt: Date;
	updatedAt: Date;
}

/**
 * One initiative with its owning organisations as `viewer` may know them (rule 3: owners are
 * buyers, but the list goes through the same filter as every list of organisations), or null.
 */
export async function getInitiative(db: Db, id: string, viewer: Actor): Promise<InitiativeDetail | null> {
	const [row] = await db
		.select({
			id: initiatives.id,
			title: initiatives.title,
			description: initiatives.description,
			phase: initiatives.phase,
			estimatedValueSek: initiatives.estimatedValueSek,
			createdAt: initiatives.createdAt,
			updatedAt: initiatives.updatedAt
		})
		.from(initiatives)
		.where(eq(initiatives.id, id))
		.limit(1);
	if (!row) return null;
	const orgs = await db
		.select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
		.from(initiativeOrganisations)
		.innerJoin(organisations, eq(organisations.id, initiativeOrganisations.organisationId))
		.where(eq(initiativeOrganisations.initiativeId, id))
		.orderBy(asc(organisations.name));
	return { ...row, organisations: knownTo(viewer, orgs, (o) => o).map(({ id, name }) => ({ id, name })) };
}

export interface Member {
	user: { id: string; name: string };
	organisation: { id: string; name: string; kind: OrganisationKind };
	role: Role;
	label: TeamLabel | null;
	since: Date;
}

const ROLE_ORDER = sql`case ${memberships.role} when 'process_leader' then 0 when 'team' then 1 else 2 end`;

/**
 * Members of an initiative as `viewer` may know them: process leaders first, then team, then
 * observers; by name within. A supplier's user sees the buyers' people and its own organisation's,
 * never another supplier's (rule 3, `mayKnowOrganisation`).
 */
export async function listMembers(db: Db, initiativeId: string, viewer: Actor): Promise<Member[]> {
	const rows = await db
		.select({
			userId: users.id,
			userName: users.name,
			orgId: organisations.id,
			orgName: organisations.name,
			orgKind: organisations.kind,
			role: memberships.role,
			label: memberships.label,
			since: memberships.createdAt
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(memberships.initiativeId, initiativeId))
		.orderBy(ROLE_ORDER, asc(users.name));
	const members = rows.map((r) => ({
		user: { id: r.userId, name: r.userName },
		organisation: { id: r.orgId, name: r.orgName, kind: r.orgKind },
		role: r.role,
		label: r.label,
		since: r.since
	}));
	return knownTo(viewer, members, (m) => m.organisation);
}

/** Open invitations (not accepted, not revoked, not expired), newest first. */
export async function listOpenInvitations(db: Db, initiativeId: string, now = new Date()) {
	return db
		.select({
			id: initiativeInvitations.id,
			email: initiativeInvitations.email,
			role: initiativeInvitations.role,
			label: initiativeInvitations.label,
			expiresAt: initiativeInvitations.expiresAt,
			createdAt: initiativeInvitations.createdAt
		})
		.from(initiativeInvitations)
		.where(
			and(
				eq(initiativeInvitations.initiativeId, initiativeId),
				isNull(initiativeInvitations.acceptedAt),
				isNull(initiativeInvitations.revokedAt),
				gt(initiativeInvitations.expiresAt, now)
			)
		)
		.orderBy(desc(initiativeInvitations.createdAt));
}

/**
 * What the inviter should know about an address before inviting it: whether it belongs to a
 * user of a supplier organisation (contributing to requirements then bars that organisation
 * from tendering). Only process leaders of an initiative ask this.
 */
export async function accountForEmail(db: Db, email: string) {
	const [row] = await db
		.select({ userId: users.id, name: users.name, organisationName: organisations.name, organisationKind: organisations.kind })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(users.email, email.trim().toLowerCase()))
		.limit(1);
	return row ?? null;
}

export interface Contributor {
	user: { id: string; name: string };
	organisation: { id: string; name: string; kind: OrganisationKind };
	updates: number;
	firstAt: string;
	lastAt: string;
}

/**
 * Who contributed to a live document, from the server's authorship ledger (never from client
 * claims): one row per user and the organisation they wrote for, most updates first.
 * Guests' contributions are not listed here (they carry no organisation). Only the contributors
 * `viewer` may know are listed (rule 3): a supplier never learns that another supplier wrote here.
 */
export async function contributors(db: Db, docName: string, viewer: Actor): Promise<Contributor[]> {
	const updates = count(docLedger.id);
	const rows = await db
		.select({
			userId: docLedger.userId,
			organisationId: docLedger.organisationId,
			updates,
			firstAt: min(docLedger.at),
			lastAt: max(docLedger.at)
		})
		.from(docLedger)
		.where(and(eq(docLedger.docName, docName), isNotNull(docLedger.userId)))
		.groupBy(docLedger.userId, docLedger.organisationId);
	if (!rows.length) return [];
	const people = await db
		.select({ id: users.id, name: users.name, orgId: organisations.id, orgName: organisations.name, orgKind: organisations.kind })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(inArray(users.id, [...new Set(rows.map((r) => r.userId!))]));
	const orgIds = [...new Set(rows.map((r) => r.organisationId).filter((o): o is string => !!o))];
	const orgs = orgIds.length
		? await db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).where(inArray(organisations.id, orgIds))
		: [];
	const byUser = new Map(people.map((p) => [p.id, p]));
	const byOrg = new Map(orgs.map((o) => [o.id, o]));
	const result: Contributor[] = [];
	for (const r of rows) {
		const person = byUser.get(r.userId!);
		if (!person) continue;
		const org = (r.organisationId && byOrg.get(r.organisationId)) || { id: person.orgId, name: person.orgName, kind: person.orgKind };
		result.push({
			user: { id: person.id, name: person.name },
			organisation: { id: org.id, name: org.name, kind: org.kind },
			updates: Number(r.updates),
			firstAt: new Date(r.firstAt!).toISOString(),
			lastAt: new Date(r.lastAt!).toISOString()
		});
	}
	return knownTo(viewer, result, (c) => c.organisation).sort((a, b) => b.updates - a.updates || a.user.name.localeCompare(b.user.name, 'sv'));
}
