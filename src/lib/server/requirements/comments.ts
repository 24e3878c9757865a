/** Comment threads per requirement (buyer team only; the API and pages ask the policy first). */
import { and, asc, eq } from 'drizzle-orm';
import { requirementComments, users } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';

export interface RequirementComment {
	id: string;
	requirementUid: string;
	author: { id: string; name: string };
	body: string;
	createdAt: string;
}

export async function listComments(db: Db, initiativeId: string, requirementUid?: string): Promise<RequirementComment[]> {
	const rows = await db
		.select({
			id: requirementComments.id,
			requirementUid: requirementComments.requirementUid,
			authorId: requirementComments.authorId,
			authorName: users.name,
			body: requirementComments.body,
			createdAt: requirementComments.createdAt
		})
		.from(requirementComments)
		.innerJoin(users, eq(users.id, requirementComments.authorId))
		.where(
			requirementUid
				? and(eq(requirementComments.initiativeId, initiativeId), eq(requirementComments.requirementUid, requirementUid))
				: eq(requirementComments.initiativeId, initiativeId)
		)
		.orderBy(asc(requirementComments.createdAt));
	return rows.map((r) => ({
		id: r.id,
		requirementUid: r.requirementUid,
		author: { id: r.authorId, name: r.authorName },
		body: r.body,
		createdAt: r.createdAt.toISOString()
	}));
}

export async function addComment(db: Tx, input: { initiativeId: string; requirementUid: string; authorId: string; body: string }): Promise<string> {
	const [row] = await db.insert(requirementComments).values(input).returning({ id: requirementComments.id });
	return row.id;
}
