/**
 * What every demo seed starts from: a persona as an actor, and the demo initiative the process
 * leader persona created. The seeds for RFI rounds, sprints, tenders and pilots write through the
 * real commands as these actors.
 */
import { and, eq } from 'drizzle-orm';
import { initiatives, organisations, users } from '../db/schema/index.ts';
import type { UserActor } from '../access/policy.ts';
import type { App } from '../app.ts';
import { DEMO_TITLE } from './seed.ts';

/** A demo persona as an actor (null when the demo has no such persona). */
export async function persona(app: App, key: string): Promise<UserActor | null> {
	const [row] = await app.db
		.select({ user: users, kind: organisations.kind })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(users.demoPersona, key))
		.limit(1);
	if (!row) return null;
	return {
		kind: 'user',
		userId: row.user.id,
		name: row.user.name,
		organisationId: row.user.organisationId,
		organisationKind: row.kind,
		orgAdmin: row.user.orgAdmin,
		platformAdmin: row.user.platformAdmin
	};
}

/** The demo initiative (created by the process leader persona), or null before the demo is seeded. */
export async function demoInitiativeId(app: App, leader: UserActor): Promise<string | null> {
	const [row] = await app.db
		.select({ id: initiatives.id })
		.from(initiatives)
		.where(and(eq(initiatives.title, DEMO_TITLE), eq(initiatives.createdBy, leader.userId)))
		.limit(1);
	return row?.id ?? null;
}
