/** Comment threads per requirement (buyer team only; the API and pages ask the policy first). */
import { and, asc, eq } from 'drizzle-orm';
import { organisations, requirementComments, users } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { Actor } from '../access/policy.ts';
import { attribution } from '../access/people.ts';

export interface RequirementComment {
	id: string;
	requirementUid: string;
	author: { id: string; name: string };
	body: string;
	createdAt: string;
}

/**
 * The comments, oldest first, each author as `viewer` may see them: a supplier's expert sees its
 * own organisation's names and everyone else as "Teamet" (rule 3, `attribution`).
 */
export async function listComments(db: Db, viewer: Actor, initiativeId: string, requirementUid?: string): Promise<RequirementComment[]> {
	const rows = await db
		.select({
			id: requirementComments.id,
			requirementUid: requirementComments.requirementUid,
			authorId: requirementComments.authorId,
			authorName: users.name,
			orgId: organisations.id,
			orgKind: organisations.kind,
			body: requirementComments.body,
			createdAt: requirementComments.createdAt
		})
		.from(requirementComments)
		.innerJoin(users, eq(users.id, requirementComments.authorId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(
			requirementUid
				? and(eq(requirementComments.initiativeId, initiativeId), eq(requirementComments.requirementUid, requirementUid))
				: eq(requirementComments.initiativeId, initiativeId)
		)
		.orderBy(asc(requirementComments.createdAt));
	return rows.map((r) => ({
		id: r.id,
		requirementUid: r.requirementUid,
		author: attribution(viewer, { id: r.authorId, name: r.authorName }, { id: r.orgId, kind: r.orgKind }),
		body: r.body,
		createdAt: r.createdAt.toISOString()
	}));
}

export async function addComment(db: Tx, input: { initiativeId: string; requirementUid: string; authorId: string; body: string }): Promise<string> {
	const [row] = await db.insert(requirementComments).values(input).returning({ id: requirementComments.id });
	return row.id;
}
