/**
 * The Map stage's "How might we" notes run on the workshop engine, not beside it: each room owns
 * one workshop row (`sprint_hmw_workshops`), made when Map starts (or on first use), anonymous,
 * silent and with a budget of `HMW_VOTES` dots per person. Everything the engine enforces holds
 * here as it does in a needs workshop — silent writing until the facilitator's reveal, phases
 * (collect → cluster → vote …, 409 `phase_closed`), the lock, the shared timer, the vote budget
 * under a row lock (409 `vote_budget_exhausted`), notes written by the server without an author —
 * because the room's members use the engine's own endpoints (`/api/v1/workshops/:id/…`) and its
 * live document `workshop.<id>`. What differs is who may: the policy resolves the board through
 * the room (`workshops/owner.ts`), so it is as closed as the room itself.
 */
import { count, eq, inArray } from 'drizzle-orm';
import { sprintHmwWorkshops, workshopCards, workshopVotes, workshops as workshopsTable } from '../../db/schema/index.ts';
import type { Db } from '../../db/index.ts';
import type { App } from '../../app.ts';
import type { Actor, UserActor } from '../../access/policy.ts';
import { journalled } from '../../audit/command.ts';
import { auditActor } from '../../initiatives/commands.ts';
import * as workshops from '../../workshops/index.ts';
import { registerJoinLanding } from '../../workshops/landing.ts';
import { registerProgressCounter } from '../queries.ts';
import type { RoomContext } from '../access.ts';

/** Dots per person on the room's "How might we" notes. */
export const HMW_VOTES = 3;

/** The room's HMW workshop row, or null when it has none yet. */
export async function hmwWorkshopOf(db: Db, roomId: string): Promise<workshops.Workshop | null> {
	const [row] = await db
		.select({ w: workshopsTable })
		.from(sprintHmwWorkshops)
		.innerJoin(workshopsTable, eq(workshopsTable.id, sprintHmwWorkshops.workshopId))
		.where(eq(sprintHmwWorkshops.roomId, roomId))
		.limit(1);
	return row?.w ?? null;
}

/**
 * The room's HMW workshop, made on first need: a workshop row (anonymous, silent, `HMW_VOTES`
 * dots) linked to the room and opened for writing. Two parallel first calls meet at the link's
 * primary key (the room): the loser's row is removed and the winner's returned. Journalled
 * (`sprint.hmw_opened`) with the engine's own `workshop.created` and `workshop.phase_changed`.
 */
export async function ensureHmwWorkshop(app: App, room: { id: string; sprintId: string; initiativeId: string; goal: string }, actor: UserActor): Promise<workshops.Workshop> {
	const existing = await hmwWorkshopOf(app.db, room.id);
	if (existing) return existing;
	const created = await workshops.createWorkshop(app, actor, room.initiativeId, {
		title: 'Hur skulle vi kunna …',
		question: room.goal.trim() || 'Hur skulle vi kunna …?',
		anonymous: true,
		silent: true,
		votesPerParticipant: HMW_VOTES
	});
	const linked = await journalled(app.db, async (tx, journal) => {
		const [row] = await tx.insert(sprintHmwWorkshops).values({ roomId: room.id, workshopId: created.id }).onConflictDoNothing().returning();
		if (!row) return false;
		await journal({
			initiativeId: room.initiativeId,
			actor: auditActor(actor),
			action: 'sprint.hmw_opened',
			data: { sprintId: room.sprintId, roomId: room.id, workshopId: created.id }
		});
		return true;
	});
	if (!linked) {
		await app.db.delete(workshopsTable).where(eq(workshopsTable.id, created.id));
		const winner = await hmwWorkshopOf(app.db, room.id);
		if (!winner) throw new Error('HMW workshop link vanished');
		return winner;
	}
	return workshops.changePhase(app, actor, created, 'collect');
}

/** `ensureHmwWorkshop` for a room the caller reached through `authorizeRoom`. */
export function ensureRoomHmw(app: App, ctx: RoomContext, actor: UserActor) {
	return ensureHmwWorkshop(app, { id: ctx.room.id, sprintId: ctx.sprint.id, initiativeId: ctx.sprint.initiativeId, goal: ctx.sprint.goal }, actor);
}

/**
 * What the Map stage's HMW panel needs for this actor: the workshop (no join code: nobody joins
 * from outside the room), what the actor may do on it, their own notes (private ones included,
 * before the reveal), their dots, and for facilitators how many notes wait for the reveal.
 */
export async function hmwView(app: App, actor: Actor, w: workshops.Workshop) {
	const ctx = await workshops.workshopContext(app.db, actor, w.id);
	if (!ctx) return null;
	const abilities = workshops.boardAbilities(actor, ctx);
	const [mine, votes, hidden] = await Promise.all([
		abilities.participate ? workshops.myCards(app.db, actor, w.id) : Promise.resolve([]),
		abilities.participate ? workshops.voteStatus(app.db, actor, w) : Promise.resolve(null),
		abilities.facilitate ? workshops.privateCardCount(app.db, w.id) : Promise.resolve(0)
	]);
	return {
		workshop: workshops.toApi(w, { facilitator: false }),
		abilities,
		myCards: mine.map((c) => ({ id: c.id, text: c.text, private: c.private })),
		votes,
		hidden
	};
}
export type HmwView = NonNullable<Awaited<ReturnType<typeof hmwView>>>;

/** The room's HMW notes for the sprint log: the revealed notes by cluster, with their dots. */
export async function hmwLogLines(app: App, roomId: string): Promise<string[]> {
	const w = await hmwWorkshopOf(app.db, roomId);
	if (!w) return [];
	const [board, votes] = await Promise.all([workshops.readWorkshopBoard(app, w.id), workshops.tally(app.db, w.id)]);
	const dots = (n: number) => (n ? ` (${n} prickar)` : '');
	const lines: string[] = [];
	for (const g of board.groups) {
		lines.push(`Kluster: ${g.title}${dots(votes[g.id] ?? 0)}`);
		for (const c of board.cards.filter((c) => c.groupId === g.id)) lines.push(`Hur skulle vi kunna: ${c.text}${dots(votes[c.id] ?? 0)}`);
	}
	for (const c of board.cards.filter((c) => !c.groupId || !board.groups.some((g) => g.id === c.groupId))) {
		lines.push(`Hur skulle vi kunna: ${c.text}${dots(votes[c.id] ?? 0)}`);
	}
	return lines;
}

// A room member who reaches the HMW workshop's code signed in lands in the room, not on `/w/<id>`.
registerJoinLanding('sprint_hmw', async (db, workshopId) => {
	const [row] = await db.select({ roomId: sprintHmwWorkshops.roomId }).from(sprintHmwWorkshops).where(eq(sprintHmwWorkshops.workshopId, workshopId)).limit(1);
	return row ? `/sprints/${row.roomId}` : null;
});

// The leader's overview: how many notes and dots each room's HMW workshop holds (counts only).
registerProgressCounter('live.hmw', async (db, roomIds) => {
	const out = new Map<string, Record<string, number>>();
	if (!roomIds.length) return out;
	const [notes, dots] = await Promise.all([
		db
			.select({ roomId: sprintHmwWorkshops.roomId, n: count() })
			.from(sprintHmwWorkshops)
			.innerJoin(workshopCards, eq(workshopCards.workshopId, sprintHmwWorkshops.workshopId))
			.where(inArray(sprintHmwWorkshops.roomId, roomIds))
			.groupBy(sprintHmwWorkshops.roomId),
		db
			.select({ roomId: sprintHmwWorkshops.roomId, n: count() })
			.from(sprintHmwWorkshops)
			.innerJoin(workshopVotes, eq(workshopVotes.workshopId, sprintHmwWorkshops.workshopId))
			.where(inArray(sprintHmwWorkshops.roomId, roomIds))
			.groupBy(sprintHmwWorkshops.roomId)
	]);
	for (const id of roomIds) out.set(id, { hmwNotes: 0, hmwDots: 0 });
	for (const r of notes) out.get(r.roomId)!.hmwNotes = Number(r.n);
	for (const r of dots) out.get(r.roomId)!.hmwDots = Number(r.n);
	return out;
});
