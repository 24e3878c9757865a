/**
 * The one way routes and live documents reach a sprint or a sprint room: load it, the actor's
 * initiative scope and their place in it (their organisation's own room, assigned to a room, the
 * room's decider), ask the policy, refuse with 404 when the caller may not read it (may not know
 * it exists; malformed ids too) and with 403 for anything else about something they can see.
 * Anonymous callers get 401. A supplier whose organisation has not accepted the room's terms of
 * participation gets 409 `terms_not_accepted` on everything in the room but the terms themselves.
 */
import { and, eq } from 'drizzle-orm';
import { sprintRoomMembers, sprintRooms, sprints } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { DocRefusal } from '../collab/kinds.ts';
import { initiativeScope, isUuid } from '../access/scope.ts';
import { ApiError, authorize, forbidden, requireUser, unauthenticated } from '../http/api.ts';
import {
	decide,
	type Action,
	type Actor,
	type InitiativeScope,
	type SprintRoomScope,
	type SprintScope,
	type Target,
	type UserActor
} from '../access/policy.ts';

export type Sprint = typeof sprints.$inferSelect;
export type SprintRoom = typeof sprintRooms.$inferSelect;

export interface SprintContext {
	sprint: Sprint;
	initiative: InitiativeScope;
	scope: SprintScope;
}

export interface RoomContext extends SprintContext {
	room: SprintRoom;
	roomScope: SprintRoomScope;
}

export const termsNotAccepted = () =>
	new ApiError(409, 'terms_not_accepted', 'Rummet öppnas när er organisation har godkänt villkoren för deltagande.');

/** The room of this organisation in the sprint, or null. */
export async function ownRoomId(db: Db | Tx, sprintId: string, organisationId: string): Promise<string | null> {
	const [row] = await db
		.select({ id: sprintRooms.id })
		.from(sprintRooms)
		.where(and(eq(sprintRooms.sprintId, sprintId), eq(sprintRooms.organisationId, organisationId)))
		.limit(1);
	return row?.id ?? null;
}

async function sprintScopeFor(db: Db, actor: Actor, sprint: Sprint): Promise<SprintScope> {
	const supplier = actor.kind === 'user' && actor.organisationKind === 'supplier';
	return { sprintId: sprint.id, ownRoomId: supplier ? await ownRoomId(db, sprint.id, actor.organisationId) : null };
}

/** The sprint as the policy sees it for this actor; null when it does not exist. */
export async function sprintContext(db: Db, actor: Actor, sprintId: string): Promise<SprintContext | null> {
	if (!isUuid(sprintId)) return null;
	const [sprint] = await db.select().from(sprints).where(eq(sprints.id, sprintId.toLowerCase())).limit(1);
	if (!sprint) return null;
	const initiative = await initiativeScope(db, actor, sprint.initiativeId);
	if (!initiative) return null;
	return { sprint, initiative, scope: await sprintScopeFor(db, actor, sprint) };
}

/** The room's scope for this actor (pure but for the assignment lookup). */
export async function roomScopeFor(db: Db | Tx, actor: Actor, room: SprintRoom): Promise<SprintRoomScope> {
	const user = actor.kind === 'user' ? actor : null;
	const supplier = user?.organisationKind === 'supplier';
	let assigned = false;
	if (user && !supplier) {
		const [row] = await db
			.select({ userId: sprintRoomMembers.userId })
			.from(sprintRoomMembers)
			.where(and(eq(sprintRoomMembers.roomId, room.id), eq(sprintRoomMembers.userId, user.userId)))
			.limit(1);
		assigned = !!row;
	}
	return {
		roomId: room.id,
		own: !!user && supplier && room.organisationId !== null && room.organisationId === user.organisationId,
		assigned,
		decider: !!user && room.deciderUserId === user.userId,
		locked: room.lockedAt !== null,
		confidential: room.confidential
	};
}

/** The room as the policy sees it for this actor; null when it does not exist. */
export async function roomContext(db: Db, actor: Actor, roomId: string): Promise<RoomContext | null> {
	if (!isUuid(roomId)) return null;
	const [room] = await db.select().from(sprintRooms).where(eq(sprintRooms.id, roomId.toLowerCase())).limit(1);
	if (!room) return null;
	const ctx = await sprintContext(db, actor, room.sprintId);
	if (!ctx) return null;
	return { ...ctx, room, roomScope: await roomScopeFor(db, actor, room) };
}

/** The policy target of a room for `resource` (`sprint_room` or `sprint_supervote`). */
export function roomTargetOf(ctx: RoomContext, resource: 'sprint_room' | 'sprint_supervote' = 'sprint_room'): Target {
	return { resource, initiative: ctx.initiative, sprint: ctx.scope, room: ctx.roomScope };
}

/**
 * Whether the room is open to this actor: always for the buyer side; for a supplier only once its
 * organisation accepted the terms of participation.
 */
export function roomOpenFor(actor: Actor, room: Pick<SprintRoom, 'termsAcceptedAt'>): boolean {
	if (actor.kind === 'user' && actor.organisationKind === 'supplier') return room.termsAcceptedAt !== null;
	return true;
}

/**
 * The policy target of a room for a live-document kind (`LiveDocKind.target`): null when the room
 * does not exist, when the actor may not know it, and — so that a live document never opens
 * before the terms are accepted — when the room is not open to the actor yet.
 */
export async function roomDocTarget(db: Db, actor: Actor, roomId: string): Promise<(Target & { initiativeId: string }) | null> {
	const ctx = await roomContext(db, actor, roomId);
	if (!ctx || !roomOpenFor(actor, ctx.room)) return null;
	return { ...roomTargetOf(ctx), initiativeId: ctx.sprint.initiativeId } as Target & { initiativeId: string };
}

/**
 * The room's own refusal of a live document (`LiveDocKind.refusal`): 409 `terms_not_accepted` to
 * a supplier who may read the room but whose organisation has not accepted its terms — the same
 * answer as the room's HTTP routes. null for everyone else, so another supplier's connection
 * still gets the 403 that reveals nothing.
 */
export async function roomDocRefusal(db: Db, actor: Actor, roomId: string): Promise<DocRefusal | null> {
	const ctx = await roomContext(db, actor, roomId);
	if (!ctx || roomOpenFor(actor, ctx.room) || decide(actor, 'read', roomTargetOf(ctx)) !== 'ok') return null;
	const refusal = termsNotAccepted();
	return { status: 409, code: refusal.code, message: refusal.message };
}

type Locals = { app: { db: Db }; actor: Actor };

/** Loads the sprint and asks the policy for `action` on `resource`; throws 401/404/403. */
export async function authorizeSprint(
	locals: Locals,
	sprintId: string | undefined,
	resource: 'sprint' | 'sprint_parity',
	action: Action
): Promise<SprintContext & { actor: UserActor }> {
	if (locals.actor.kind === 'anonymous') throw unauthenticated();
	const ctx = await sprintContext(locals.app.db, locals.actor, sprintId ?? '');
	// Whoever may not even read the sprint must not learn it exists, whatever they asked for.
	if (!ctx || decide(locals.actor, 'read', { resource: 'sprint', initiative: ctx.initiative, sprint: ctx.scope }) !== 'ok') {
		authorize(locals.actor, 'read', null);
	}
	authorize(locals.actor, action, { resource, initiative: ctx!.initiative, sprint: ctx!.scope });
	return { ...ctx!, actor: requireUser(locals.actor) };
}

export interface AuthorizeRoomOptions {
	/** Check the terms of participation (default true; false only for reading and accepting the terms). */
	requireOpen?: boolean;
}

/**
 * Loads the room and asks the policy for `action` on `resource`; throws 401/404/403, and 409
 * `terms_not_accepted` to a supplier whose organisation has not accepted the terms.
 */
export async function authorizeRoom(
	locals: Locals,
	roomId: string | undefined,
	resource: 'sprint_room' | 'sprint_supervote',
	action: Action,
	options: AuthorizeRoomOptions = {}
): Promise<RoomContext & { actor: UserActor }> {
	if (locals.actor.kind === 'anonymous') throw unauthenticated();
	const ctx = await roomContext(locals.app.db, locals.actor, roomId ?? '');
	if (!ctx || decide(locals.actor, 'read', roomTargetOf(ctx)) !== 'ok') authorize(locals.actor, 'read', null);
	if (options.requireOpen !== false && !roomOpenFor(locals.actor, ctx!.room)) throw termsNotAccepted();
	if (decide(locals.actor, action, roomTargetOf(ctx!, resource)) !== 'ok') throw forbidden();
	return { ...ctx!, actor: requireUser(locals.actor) };
}

/** True when the actor is on the buyer side of this sprint (a buyer-organisation member of the initiative). */
export function isBuyerSide(actor: Actor, ctx: SprintContext): boolean {
	return actor.kind === 'user' && actor.organisationKind === 'buyer' && ctx.initiative.membership !== null;
}
