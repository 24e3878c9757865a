/**
 * The one way routes of this module reach an initiative: load the actor's scope, ask the policy,
 * refuse with 404 (may not know it exists; also for malformed ids) or 403 (may see, may not do).
 * Anonymous callers get 401 so clients know to sign in; that reveals nothing either. A workshop
 * guest is signed in, just not with an account: the policy answers for them like for any
 * non-member (404), the same as every other initiative endpoint does.
 */
import { authorize, requireUser, unauthenticated } from '../http/api.ts';
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
	if (locals.actor.kind === 'anonymous') throw unauthenticated();
	const scope = await initiativeScope(locals.app.db, locals.actor, initiativeId ?? '');
	authorize(locals.actor, action, scope && { resource, initiative: scope });
	// Only accounts act on initiatives; the policy has already refused everyone else.
	return { actor: requireUser(locals.actor), scope: scope! };
}

export { initiativeAbilities };
