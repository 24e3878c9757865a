/**
 * The running stage of a sprint as each room sees it, and how it reaches the rooms' clients.
 *
 * The leader starts a stage in every room at once (`commands.ts` `startStage`): the sprint row
 * holds the stage, when it started and when the shared timer ends (server clock), and the server
 * then writes the same `meta` into every room's overview document `sprint_room.<roomId>` — the
 * way a workshop's phase and timer reach its board. Connected clients see the change as one Yjs
 * update; the stage boards read `roomStage` on the server and the `meta` map in the browser.
 *
 * Listeners registered with `onStageStarted` (the live stage boards) run after the change is
 * committed, once per room; those registered with `onRoomsLocked` after rooms were locked.
 */
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { sprintRooms, sprints } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import { isUuid } from '../access/scope.ts';
import { registry } from '../registry.ts';
import { roomDocName, type SprintStage } from './stages.ts';

/** What every client of a room needs to know about the stage (also the overview document's `meta`). */
export interface RoomStageState {
	stage: SprintStage | null;
	/** ISO time the stage started, or null. */
	stageStartedAt: string | null;
	/** ISO time the shared timer runs out, or null for no timer. */
	timerEndsAt: string | null;
	locked: boolean;
}

/** The stage state of one room; null when there is no such room. */
export async function roomStage(db: Db | Tx, roomId: string): Promise<RoomStageState | null> {
	if (!isUuid(roomId)) return null;
	const [row] = await db
		.select({ stage: sprints.stage, startedAt: sprints.stageStartedAt, timerEndsAt: sprints.timerEndsAt, lockedAt: sprintRooms.lockedAt })
		.from(sprintRooms)
		.innerJoin(sprints, eq(sprints.id, sprintRooms.sprintId))
		.where(eq(sprintRooms.id, roomId.toLowerCase()))
		.limit(1);
	if (!row) return null;
	return {
		stage: row.stage,
		stageStartedAt: row.startedAt?.toISOString() ?? null,
		timerEndsAt: row.timerEndsAt?.toISOString() ?? null,
		locked: row.lockedAt !== null
	};
}

/** Reads the `meta` map of a room's overview document (browser and server alike). */
export function readRoomMeta(doc: Y.Doc): RoomStageState {
	const meta = doc.getMap('meta');
	const str = (k: string) => (typeof meta.get(k) === 'string' ? (meta.get(k) as string) : null);
	return {
		stage: (str('stage') as SprintStage | null) ?? null,
		stageStartedAt: str('stageStartedAt'),
		timerEndsAt: str('timerEndsAt'),
		locked: meta.get('locked') === true
	};
}

/** Writes the stage state into the room's overview document (after the change is committed). */
export async function publishRoomStage(app: App, roomId: string, state: RoomStageState): Promise<void> {
	if (!app.liveDocs) return;
	await app.liveDocs.change(roomDocName(roomId), null, (doc) => {
		const meta = doc.getMap('meta');
		meta.set('stage', state.stage);
		meta.set('stageStartedAt', state.stageStartedAt);
		meta.set('timerEndsAt', state.timerEndsAt);
		meta.set('locked', state.locked);
	});
}

export interface StageStarted {
	sprintId: string;
	initiativeId: string;
	roomId: string;
	stage: SprintStage;
	/** The stage the sprint left (null when this is its first). */
	from: SprintStage | null;
	state: RoomStageState;
	/** Who started it (the leader), for what listeners journal. */
	actor: UserActor;
}

type StageListener = (app: App, event: StageStarted) => Promise<void> | void;
const listeners = registry<StageListener>('sprints.stage-started');

/** Registers a listener called once per room after a stage started there (e.g. to prepare its board). */
export function onStageStarted(name: string, listener: StageListener): void {
	listeners.set(name, listener);
}

/** Calls every listener for every room; a failing listener is logged, never undoes the start. */
export async function notifyStageStarted(app: App, events: StageStarted[]): Promise<void> {
	for (const event of events) {
		for (const [name, listener] of listeners) {
			try {
				await listener(app, event);
			} catch (err) {
				app.log.error('sprints.stage_listener_failed', { listener: name, roomId: event.roomId, error: err instanceof Error ? err.message : String(err) });
			}
		}
	}
}

export interface RoomsLocked {
	sprintId: string;
	initiativeId: string;
	roomIds: string[];
	/** Who locked them (the leader), for what listeners journal. */
	actor: UserActor;
}

type LockListener = (app: App, event: RoomsLocked) => Promise<void> | void;
const lockListeners = registry<LockListener>('sprints.rooms-locked');

/** Registers a listener called after rooms were locked (one room, or every room of a sprint). */
export function onRoomsLocked(name: string, listener: LockListener): void {
	lockListeners.set(name, listener);
}

/** Calls every lock listener; a failing listener is logged, never undoes the lock. */
export async function notifyRoomsLocked(app: App, event: RoomsLocked): Promise<void> {
	if (!event.roomIds.length) return;
	for (const [name, listener] of lockListeners) {
		try {
			await listener(app, event);
		} catch (err) {
			app.log.error('sprints.lock_listener_failed', { listener: name, sprintId: event.sprintId, error: err instanceof Error ? err.message : String(err) });
		}
	}
}
