/**
 * How this module's routes reach an initiative: load the actor's scope, ask the policy, refuse
 * with 401 (not signed in), 404 (may not know it exists; also for malformed ids) or 403.
 */
import { authorize, notFound, requireUser } from '../http/api.ts';
import { initiativeScope } from '../access/scope.ts';
import type { Action, Actor, InitiativeResource, InitiativeScope, UserActor } from '../access/policy.ts';
import type { Db } from '../db/index.ts';

export async function authorizeIn(
	db: Db,
	anyActor: Actor,
	initiativeId: string | undefined,
	resource: InitiativeResource,
	action: Action
): Promise<{ actor: UserActor; scope: InitiativeScope }> {
	const actor = requireUser(anyActor);
	if (initiativeId === undefined) throw notFound();
	const scope = await initiativeScope(db, actor, initiativeId);
	authorize(actor, action, scope && { resource, initiative: scope });
	return { actor, scope: scope! };
}
