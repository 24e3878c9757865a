/**
 * The one way routes reach a pilot: load the pilot, the actor's initiative scope and their place
 * in the pilot (their organisation runs it; they are a named decision maker), ask the policy,
 * refuse with 404 when the caller may not read the pilot (may not know it exists; malformed ids
 * too) and with 403 for anything else about a pilot they can see. Anonymous callers get 401.
 */
import { and, eq } from 'drizzle-orm';
import { pilotOrganisations, pilots } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { initiativeScope, isUuid } from '../access/scope.ts';
import { authorize, forbidden, requireUser, unauthenticated } from '../http/api.ts';
import { decide, type Action, type Actor, type InitiativeScope, type PilotResource, type PilotScope, type UserActor } from '../access/policy.ts';

export type Pilot = typeof pilots.$inferSelect;

export interface PilotContext {
	pilot: Pilot;
	initiative: InitiativeScope;
	scope: PilotScope;
}

export async function runsPilot(db: Db | Tx, pilotId: string, organisationId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: pilotOrganisations.organisationId })
		.from(pilotOrganisations)
		.where(and(eq(pilotOrganisations.pilotId, pilotId), eq(pilotOrganisations.organisationId, organisationId)))
		.limit(1);
	return !!row;
}

/** The pilot as the policy sees it for this actor; null when it does not exist. */
export async function pilotContext(db: Db, actor: Actor, pilotId: string): Promise<PilotContext | null> {
	if (!isUuid(pilotId)) return null;
	const [pilot] = await db.select().from(pilots).where(eq(pilots.id, pilotId.toLowerCase())).limit(1);
	if (!pilot) return null;
	const initiative = await initiativeScope(db, actor, pilot.initiativeId);
	if (!initiative) return null;
	const user = actor.kind === 'user' ? actor : null;
	const scope: PilotScope = {
		pilotId: pilot.id,
		participant: user?.organisationKind === 'supplier' ? await runsPilot(db, pilot.id, user.organisationId) : false,
		decisionMaker: !!user && pilot.decisionMakers.includes(user.userId)
	};
	return { pilot, initiative, scope };
}

/** Loads the pilot and asks the policy for `action` on `resource`; throws 401/404/403. */
export async function authorizePilot(
	locals: { app: { db: Db }; actor: Actor },
	pilotId: string | undefined,
	resource: PilotResource,
	action: Action
): Promise<PilotContext & { actor: UserActor }> {
	if (locals.actor.kind === 'anonymous') throw unauthenticated();
	const ctx = await pilotContext(locals.app.db, locals.actor, pilotId ?? '');
	if (!ctx || decide(locals.actor, 'read', { resource: 'pilot', initiative: ctx.initiative, pilot: ctx.scope }) !== 'ok') {
		authorize(locals.actor, 'read', null);
	}
	if (decide(locals.actor, action, { resource, initiative: ctx!.initiative, pilot: ctx!.scope }) !== 'ok') throw forbidden();
	return { ...ctx!, actor: requireUser(locals.actor) };
}

/** True when the actor reads the pilot as the buyer side (not as its supplier). */
export function isBuyerSide(actor: Actor, ctx: PilotContext): boolean {
	return actor.kind === 'user' && actor.organisationKind === 'buyer' && ctx.initiative.membership !== null;
}

export const docNameOf = (pilotId: string) => `pilot.${pilotId}`;
