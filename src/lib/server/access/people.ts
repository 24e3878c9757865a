/**
 * Rule 3 applied to what the server sends: every list of people and every attribution that can
 * reach a supplier passes through here, and here only asks the policy (`mayKnowOrganisation`,
 * `mayNamePerson`). Lists leave out the people the viewer may not know; single attributions of
 * shared work keep the work and show its author as "the team".
 *
 * Pure helpers plus one query (`organisationsOf`) for callers whose rows carry only a user id.
 */
import { eq, inArray } from 'drizzle-orm';
import { organisations, users } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import { mayKnowOrganisation, mayNamePerson, type Actor, type OrganisationRef } from './policy.ts';

/** The name shown instead of an author the viewer may not see (Swedish, as every API text). */
export const TEAM_NAME = 'Teamet';

/** The people (or rows about people) of `items` whose organisation the viewer may know, in order. */
export function knownTo<T>(viewer: Actor, items: readonly T[], organisationOf: (item: T) => OrganisationRef | null): T[] {
	return items.filter((item) => mayKnowOrganisation(viewer, organisationOf(item)));
}

/**
 * The author of one piece of shared work as the viewer may see it: the person, or `TEAM_NAME`
 * with an empty id when the viewer may not name them (the id would let the viewer tell two hidden
 * authors apart and match them across answers).
 */
export function attribution(viewer: Actor, person: { id: string; name: string }, organisation: OrganisationRef | null): { id: string; name: string } {
	return mayNamePerson(viewer, organisation) ? person : { id: '', name: TEAM_NAME };
}

/** Each user's organisation (id and kind), for rows that carry only a user id. */
export async function organisationsOf(db: Db, userIds: readonly string[]): Promise<Map<string, OrganisationRef>> {
	const ids = [...new Set(userIds.filter(Boolean))];
	if (!ids.length) return new Map();
	const rows = await db
		.select({ userId: users.id, id: organisations.id, kind: organisations.kind })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(inArray(users.id, ids));
	return new Map(rows.map((r) => [r.userId, { id: r.id, kind: r.kind }]));
}
