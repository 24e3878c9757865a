/**
 * The one way routes reach an RFI round: load the round, the actor's initiative scope and
 * whether the actor's organisation takes part, ask the policy, refuse with 404 (may not know it
 * exists; malformed ids too) or 403. Anonymous callers get 401.
 */
import { and, eq } from 'drizzle-orm';
import { rfis, supplierParticipants } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { initiativeScope, isUuid } from '../access/scope.ts';
import { authorize, requireUser, unauthenticated } from '../http/api.ts';
import { decide, type Action, type Actor, type InitiativeScope, type RfiScope, type UserActor } from '../access/policy.ts';

export type Rfi = typeof rfis.$inferSelect;

export interface RfiContext {
	rfi: Rfi;
	initiative: InitiativeScope;
	scope: RfiScope;
}

/** Whether this organisation takes part in the round (accepted invitation or joined the open round). */
export async function isParticipant(db: Db | Tx, rfiId: string, organisationId: string): Promise<boolean> {
	const [row] = await db
		.select({ organisationId: supplierParticipants.organisationId })
		.from(supplierParticipants)
		.where(and(eq(supplierParticipants.subjectKind, 'rfi'), eq(supplierParticipants.subjectId, rfiId), eq(supplierParticipants.organisationId, organisationId)))
		.limit(1);
	return !!row;
}

export function scopeOf(rfi: Rfi, participant: boolean): RfiScope {
	return { rfiId: rfi.id, published: rfi.publishedAt !== null, open: rfi.open, participant };
}

/** The round as the policy sees it for this actor; null when it does not exist. */
export async function rfiContext(db: Db, actor: Actor, rfiId: string): Promise<RfiContext | null> {
	if (!isUuid(rfiId)) return null;
	const [rfi] = await db.select().from(rfis).where(eq(rfis.id, rfiId.toLowerCase())).limit(1);
	if (!rfi) return null;
	const initiative = await initiativeScope(db, actor, rfi.initiativeId);
	if (!initiative) return null;
	const participant = actor.kind === 'user' && actor.organisationKind === 'supplier' ? await isParticipant(db, rfi.id, actor.organisationId) : false;
	return { rfi, initiative, scope: scopeOf(rfi, participant) };
}

export type RfiResource = 'rfi' | 'rfi_response' | 'rfi_responses';

/** Loads the round and asks the policy for `action` on `resource`; throws 401/404/403. */
export async function authorizeRfi(
	locals: { app: { db: Db }; actor: Actor },
	rfiId: string | undefined,
	resource: RfiResource,
	action: Action
): Promise<RfiContext & { actor: UserActor }> {
	if (locals.actor.kind === 'anonymous') throw unauthenticated();
	const ctx = await rfiContext(locals.app.db, locals.actor, rfiId ?? '');
	// Whoever may not even read the round must not learn it exists, whatever they asked for.
	if (ctx && decide(locals.actor, 'read', { resource: 'rfi', initiative: ctx.initiative, rfi: ctx.scope }) !== 'ok') {
		authorize(locals.actor, 'read', null);
	}
	authorize(locals.actor, action, ctx && { resource, initiative: ctx.initiative, rfi: ctx.scope });
	return { ...ctx!, actor: requireUser(locals.actor) };
}

/** True when the actor is on the buyer side of this round (may read it through the initiative). */
export function isBuyerSide(actor: Actor, ctx: RfiContext): boolean {
	return actor.kind === 'user' && actor.organisationKind === 'buyer' && ctx.initiative.membership !== null;
}
