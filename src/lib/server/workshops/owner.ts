/**
 * Who owns a workshop row, as the policy needs to know it. Most workshops belong to the
 * initiative's needs work; a sprint room's "How might we" workshop (the Map stage,
 * `sprint_hmw_workshops`) belongs to its room: its board is then resolved through the room
 * (`WorkshopScope.room`, `roomWorkshopLevel` in the policy), so another supplier cannot tell it
 * exists, exactly like the room's other documents. Shared by the workshop routes
 * (`workshopContext`) and the live-document kind, so both ask the same question.
 */
import { eq } from 'drizzle-orm';
import { sprintHmwWorkshops, sprintRooms } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { Actor, WorkshopScope } from '../access/policy.ts';
import { ownRoomId, roomOpenFor, roomScopeFor } from '../sprints/access.ts';

/** The room that owns this workshop, or null for an ordinary workshop. */
export async function owningRoomId(db: Db, workshopId: string): Promise<string | null> {
	const [row] = await db.select({ roomId: sprintHmwWorkshops.roomId }).from(sprintHmwWorkshops).where(eq(sprintHmwWorkshops.workshopId, workshopId)).limit(1);
	return row?.roomId ?? null;
}

/**
 * The policy's view of a workshop for this actor: its phase and, when a room owns it, that room.
 * `owner`: the owning room when the caller already read it (null: none), so that an ordinary
 * workshop's cards and votes do not pay a round trip for it (`workshopContext`).
 */
export async function workshopScope(db: Db, actor: Actor, w: { id: string; phase: WorkshopScope['phase'] }, owner?: string | null): Promise<WorkshopScope> {
	const scope: WorkshopScope = { workshopId: w.id, phase: w.phase };
	if (owner === null) return scope;
	const [owning] = await db
		.select({ room: sprintRooms })
		.from(sprintHmwWorkshops)
		.innerJoin(sprintRooms, eq(sprintRooms.id, sprintHmwWorkshops.roomId))
		.where(eq(sprintHmwWorkshops.workshopId, w.id))
		.limit(1);
	if (!owning) return scope;
	const room = owning.room;
	const supplier = actor.kind === 'user' && actor.organisationKind === 'supplier';
	return {
		...scope,
		room: {
			sprint: { sprintId: room.sprintId, ownRoomId: supplier ? await ownRoomId(db, room.sprintId, actor.organisationId) : null },
			room: await roomScopeFor(db, actor, room),
			open: roomOpenFor(actor, room)
		}
	};
}
