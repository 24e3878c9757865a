/**
 * The one way routes of this module reach an initiative: load the actor's scope, ask the policy,
 * refuse with 404 (may not know it exists; also for malformed ids) or 403 (may see, may not do).
 * Anonymous callers get 401 so clients know to sign in; that reveals nothing either.
 */
import { authorize, requireUser } from '../http/api.ts';
import { initiativeScope } from '../access/scope.ts';
import { initiativeAbilities, type Action, type Actor, type InitiativeResource, type InitiativeScope, type UserActor } from '../access/policy.ts';
import type { Db } from '../db/index.ts';

export interface Authorized {
	actor: UserActor;
	scope: InitiativeScope;
}

/** Resolves and checks access to one resource of an initiative, or throws an `ApiError`. */
export async function authorizeInitiative(
	locals: { app: { db: Db }; actor: Actor },
	initiativeId: string | undefined,
	resource: InitiativeResource,
	action: Action
): Promise<Authorized> {
	const actor = requireUser(locals.actor);
	const scope = await initiativeScope(locals.app.db, actor, initiativeId ?? '');
	authorize(actor, action, scope && { resource, initiative: scope });
	return { actor, scope: scope! };
}

export { initiativeAbilities };
