/** Shared steps of the workshop endpoints: find the workshop and ask the policy. */
import type { Action } from '../access/policy.ts';
import { authorize, requireUser } from '../http/api.ts';
import { workshopContext, type WorkshopContext } from './index.ts';

/** The workshop if the actor may `action` on its board; 404/403 (via the policy) otherwise. */
export async function authorizedWorkshop(locals: App.Locals, id: string, action: Action): Promise<WorkshopContext> {
	const ctx = await workshopContext(locals.app.db, locals.actor, id);
	authorize(locals.actor, action, ctx?.target ?? null);
	return ctx!;
}

/** A facilitator action: board `admin`, which only signed-in team members and process leaders have. */
export async function facilitatedWorkshop(locals: App.Locals, id: string) {
	const ctx = await authorizedWorkshop(locals, id, 'admin');
	return { ...ctx, user: requireUser(locals.actor) };
}
