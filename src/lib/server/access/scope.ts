/** Loads what the policy needs to know about an initiative for one actor. */
import { and, eq } from 'drizzle-orm';
import { initiatives, memberships } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { Actor, InitiativeScope } from './policy.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a syntactically valid UUID; anything else is treated as "does not exist". */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}

/** The initiative's scope for this actor, or null when the initiative does not exist. */
export async function initiativeScope(db: Db, actor: Actor, initiativeId: string): Promise<InitiativeScope | null> {
	if (!isUuid(initiativeId)) return null;
	const [row] = await db
		.select({ id: initiatives.id, phase: initiatives.phase })
		.from(initiatives)
		.where(eq(initiatives.id, initiativeId))
		.limit(1);
	if (!row) return null;
	let membership: InitiativeScope['membership'] = null;
	if (actor.kind === 'user') {
		const [m] = await db
			.select({ role: memberships.role, label: memberships.label })
			.from(memberships)
			.where(and(eq(memberships.initiativeId, initiativeId), eq(memberships.userId, actor.userId)))
			.limit(1);
		membership = m ?? null;
	}
	return { initiativeId: row.id, phase: row.phase, membership };
}
