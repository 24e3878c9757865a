/**
 * Page-side access for this module's routes: the same policy questions as the API, answered
 * with SvelteKit's errors (404 when the actor may not know the initiative, 403 when they may see
 * it but not do this) and a redirect to sign in for anonymous visitors.
 */
import { error, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { initiativeScope } from '../access/scope.ts';
import { decide, initiativeAbilities, type Action, type Actor, type InitiativeResource, type UserActor } from '../access/policy.ts';
import { initiatives } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';

export async function pageAccess(db: Db, actor: Actor, initiativeId: string, resource: InitiativeResource, action: Action, path: string) {
	if (actor.kind !== 'user') {
		if (actor.kind === 'anonymous') redirect(303, `/login?next=${encodeURIComponent(path)}`);
		error(404, 'Finns inte.');
	}
	const scope = await initiativeScope(db, actor, initiativeId);
	if (!scope) error(404, 'Finns inte.');
	const verdict = decide(actor, action, { resource, initiative: scope });
	if (verdict === 'not_found') error(404, 'Finns inte.');
	if (verdict === 'forbidden') error(403, 'Du har inte behörighet till detta.');
	const [row] = await db
		.select({ id: initiatives.id, title: initiatives.title, estimatedValueSek: initiatives.estimatedValueSek, purchaseKind: initiatives.purchaseKind, procedure: initiatives.procedure, phase: initiatives.phase })
		.from(initiatives)
		.where(eq(initiatives.id, scope.initiativeId))
		.limit(1);
	return { actor: actor as UserActor, scope, initiative: row, abilities: initiativeAbilities(actor, scope) };
}
