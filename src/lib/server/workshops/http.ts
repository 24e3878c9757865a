/** Shared steps of the workshop endpoints: find the workshop and ask the policy. */
import type { Action } from '../access/policy.ts';
import { ApiError, authorize, requireUser } from '../http/api.ts';
import { roomDocRefusal } from '../sprints/access.ts';
import { workshopContext, type WorkshopContext } from './index.ts';

/**
 * The workshop if the actor may `action` on its board; 404/403 (via the policy) otherwise. A
 * sprint room's own workshop answers its supplier 409 `terms_not_accepted` until the terms are
 * accepted, like the room's other routes (anyone else who may not read the room: 404).
 */
export async function authorizedWorkshop(locals: App.Locals, id: string, action: Action): Promise<WorkshopContext> {
	const ctx = await workshopContext(locals.app.db, locals.actor, id);
	const owner = ctx?.target.workshop.room;
	if (owner && !owner.open) {
		const refusal = await roomDocRefusal(locals.app.db, locals.actor, owner.room.roomId);
		if (refusal) throw new ApiError(refusal.status, refusal.code, refusal.message);
	}
	authorize(locals.actor, action, ctx?.target ?? null);
	return ctx!;
}

/** A facilitator action: board `admin`, which only signed-in team members and process leaders have. */
export async function facilitatedWorkshop(locals: App.Locals, id: string) {
	const ctx = await authorizedWorkshop(locals, id, 'admin');
	return { ...ctx, user: requireUser(locals.actor) };
}
