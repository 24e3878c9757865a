/**
 * Who hears about a round on the market side (RFI rounds, tenders): computed here once, so that
 * every capability tells suppliers only about their own round and never the buyer team's supplier
 * experts about the market (rule 3).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { memberships, organisations, supplierParticipants, users } from '../db/schema/index.ts';
import type { MarketSubject } from '../db/schema/market.ts';
import type { Tx } from '../db/index.ts';

/** Enabled users of the organisations admitted to a round, with their organisation. */
export async function participantUsers(tx: Tx, subjectKind: MarketSubject, subjectId: string): Promise<Array<{ id: string; organisationId: string }>> {
	return tx
		.select({ id: users.id, organisationId: users.organisationId })
		.from(supplierParticipants)
		.innerJoin(users, eq(users.organisationId, supplierParticipants.organisationId))
		.where(and(eq(supplierParticipants.subjectKind, subjectKind), eq(supplierParticipants.subjectId, subjectId), isNull(users.disabledAt)));
}

/** Users of the organisations admitted to a round (accepted invitation or open-round join). */
export async function participantUserIds(tx: Tx, subjectKind: MarketSubject, subjectId: string): Promise<string[]> {
	return (await participantUsers(tx, subjectKind, subjectId)).map((r) => r.id);
}

/** Enabled users of one organisation. */
export async function organisationUserIds(tx: Tx, organisationId: string): Promise<string[]> {
	const rows = await tx.select({ id: users.id }).from(users).where(and(eq(users.organisationId, organisationId), isNull(users.disabledAt)));
	return rows.map((r) => r.id);
}

/** The buyer team of an initiative who run rounds: process leaders and team members of buyer organisations. */
export async function buyerTeamUserIds(tx: Tx, initiativeId: string): Promise<string[]> {
	// Supplier experts on the team never hear of the market side (rule 3).
	const rows = await tx
		.select({ id: users.id })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(
			and(
				eq(memberships.initiativeId, initiativeId),
				inArray(memberships.role, ['process_leader', 'team']),
				eq(organisations.kind, 'buyer'),
				isNull(users.disabledAt)
			)
		);
	return rows.map((r) => r.id);
}

/** Enabled users of every registered supplier organisation (an open round is announced to all of them). */
export async function registeredSupplierUserIds(tx: Tx): Promise<string[]> {
	const rows = await tx
		.select({ id: users.id })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(and(eq(organisations.kind, 'supplier'), isNull(users.disabledAt)));
	return rows.map((r) => r.id);
}
