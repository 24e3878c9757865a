/**
 * The one way routes reach a tender round: load the round, the actor's initiative scope and their
 * place in the round (admitted organisation, named opener, declaration given), ask the policy,
 * refuse with 404 when the caller may not read the round (may not know it exists; malformed ids
 * too) and with 403 for anything else about a round they can see. Anonymous callers get 401.
 */
import { and, eq } from 'drizzle-orm';
import { supplierParticipants, tenderDeclarations, tenderSubmissions, tenders } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { initiativeScope, isUuid } from '../access/scope.ts';
import { ApiError, authorize, forbidden, requireUser, unauthenticated } from '../http/api.ts';
import { decide, type Action, type Actor, type InitiativeScope, type TenderResource, type TenderScope, type UserActor } from '../access/policy.ts';

export type Tender = typeof tenders.$inferSelect;

export interface TenderContext {
	tender: Tender;
	initiative: InitiativeScope;
	scope: TenderScope;
}

/**
 * Whether this organisation takes part in the round: an accepted invitation, or (open rounds) a
 * tender it submitted. Withdrawing from an open round keeps it a participant: it has been told
 * about the round and must hear every notice to all.
 */
export async function isParticipant(db: Db | Tx, tenderId: string, organisationId: string): Promise<boolean> {
	const [row] = await db
		.select({ organisationId: supplierParticipants.organisationId })
		.from(supplierParticipants)
		.where(and(eq(supplierParticipants.subjectKind, 'tender'), eq(supplierParticipants.subjectId, tenderId), eq(supplierParticipants.organisationId, organisationId)))
		.limit(1);
	if (row) return true;
	const [submitted] = await db
		.select({ id: tenderSubmissions.id })
		.from(tenderSubmissions)
		.where(and(eq(tenderSubmissions.tenderId, tenderId), eq(tenderSubmissions.organisationId, organisationId)))
		.limit(1);
	return !!submitted;
}

export async function hasDeclared(db: Db | Tx, tenderId: string, userId: string): Promise<boolean> {
	const [row] = await db
		.select({ userId: tenderDeclarations.userId })
		.from(tenderDeclarations)
		.where(and(eq(tenderDeclarations.tenderId, tenderId), eq(tenderDeclarations.userId, userId)))
		.limit(1);
	return !!row;
}

/** The round as the policy sees it for this actor; null when it does not exist. */
export async function tenderContext(db: Db, actor: Actor, tenderId: string): Promise<TenderContext | null> {
	if (!isUuid(tenderId)) return null;
	const [tender] = await db.select().from(tenders).where(eq(tenders.id, tenderId.toLowerCase())).limit(1);
	if (!tender) return null;
	const initiative = await initiativeScope(db, actor, tender.initiativeId);
	if (!initiative) return null;
	const user = actor.kind === 'user' ? actor : null;
	const supplier = user?.organisationKind === 'supplier';
	const scope: TenderScope = {
		tenderId: tender.id,
		published: tender.publishedAt !== null,
		open: tender.open,
		participant: supplier ? await isParticipant(db, tender.id, user.organisationId) : false,
		opened: tender.openedAt !== null,
		awarded: tender.awardedAt !== null,
		opener: !!user && tender.openers.includes(user.userId),
		declared: !!user && !supplier ? await hasDeclared(db, tender.id, user.userId) : false
	};
	return { tender, initiative, scope };
}

/** Loads the round and asks the policy for `action` on `resource`; throws 401/404/403. */
export async function authorizeTender(
	locals: { app: { db: Db }; actor: Actor },
	tenderId: string | undefined,
	resource: TenderResource,
	action: Action
): Promise<TenderContext & { actor: UserActor }> {
	if (locals.actor.kind === 'anonymous') throw unauthenticated();
	const ctx = await tenderContext(locals.app.db, locals.actor, tenderId ?? '');
	// Whoever may not even read the round must not learn it exists, whatever they asked for.
	if (!ctx || decide(locals.actor, 'read', { resource: 'tender', initiative: ctx.initiative, tender: ctx.scope }) !== 'ok') {
		authorize(locals.actor, 'read', null);
	}
	// The round is visible from here on: anything else refused is 403, never a denial that it exists.
	if (decide(locals.actor, action, { resource, initiative: ctx!.initiative, tender: ctx!.scope }) !== 'ok') throw forbidden();
	return { ...ctx!, actor: requireUser(locals.actor) };
}

export const sealed = () => new ApiError(403, 'sealed', 'Anbuden är förseglade till anbudsöppningen.');
export const declarationRequired = () =>
	new ApiError(403, 'declaration_required', 'Lämna en jävsdeklaration för upphandlingen innan du läser anbuden.');

/**
 * The contents of every tender: refused with `sealed` to everyone before the opening, with
 * `declaration_required` to a team member who has not declared, otherwise by the policy.
 */
export async function authorizeSubmissions(locals: { app: { db: Db }; actor: Actor }, tenderId: string | undefined, action: Action) {
	const ctx = await authorizeTender(locals, tenderId, 'tender', 'read');
	if (!ctx.scope.opened) throw sealed();
	const target = { resource: 'tender_submissions' as const, initiative: ctx.initiative, tender: ctx.scope };
	if (decide(ctx.actor, action, target) !== 'ok') {
		const wouldWithDeclaration = decide(ctx.actor, action, { ...target, tender: { ...ctx.scope, declared: true } }) === 'ok';
		if (wouldWithDeclaration) throw declarationRequired();
		// The round is visible to the caller (checked above): refuse, do not deny its existence.
		throw forbidden();
	}
	return ctx;
}

/** True when the actor is on the buyer side of this round. */
export function isBuyerSide(actor: Actor, ctx: TenderContext): boolean {
	return actor.kind === 'user' && actor.organisationKind === 'buyer' && ctx.initiative.membership !== null;
}
