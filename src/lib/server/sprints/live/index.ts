/**
 * The live stage boards of sprint rooms: commands behind the boards' server-written parts. Routes
 * authorize through `sprints/access.ts` (`authorizeRoom`) and then call one function here.
 *
 * What the server enforces here, against a crafted client:
 * - the art museum is anonymous: a sketch is stored with its author in `sprint_sketches` and put
 *   on the Decide board by the server (its own Yjs client, no author in the ledger), so neither the
 *   document's updates nor anything a room member receives names who drew it;
 * - heat-map dots have a budget per person and the straw poll one vote per person, both checked
 *   under a lock on the room row (the workshop engine's rule for votes);
 * - the Map stage's "How might we" notes are not here: they run on the workshop engine itself,
 *   on a workshop row the room owns (`hmw.ts`);
 * - the decider's supervote counts once (one row per room) and only the decider casts it (policy);
 * - end-user test sessions are workshop rows (the join code, the guest sessions and the join
 *   guard are the workshop engine's), joined with the one join endpoint; an end user appears in
 *   the pattern grid once they have given consent.
 */
import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import * as Y from 'yjs';
import {
	organisations,
	sprintCritiques,
	sprintDots,
	sprintGalleryReveals,
	sprintRooms,
	sprintSketches,
	sprintSupervotes,
	sprintTestNotes,
	sprintTestSessions,
	workshopGuests,
	workshops as workshopsTable,
	type SprintDotKind
} from '../../db/schema/index.ts';
import type { Db } from '../../db/index.ts';
import type { App } from '../../app.ts';
import { can, type Actor, type UserActor } from '../../access/policy.ts';
import type { GuestActor } from '../../auth/guest.ts';
import { journalled } from '../../audit/command.ts';
import { auditActor } from '../../initiatives/commands.ts';
import { ApiError } from '../../http/api.ts';
import * as workshops from '../../workshops/index.ts';
import { registerJoinLanding } from '../../workshops/landing.ts';
import { castWithinBudget } from '../../workshops/budget.ts';
import { roomOpenFor, roomTargetOf, type RoomContext, type SprintContext } from '../access.ts';
import { stageDocName, type SprintStage } from '../stages.ts';
import { hmwLogLines } from './hmw.ts';
import {
	SKETCH_PANELS,
	draftInterviewScript,
	putCritique,
	putInterviewee,
	putNote,
	putSession,
	putSketch,
	readStageBoard,
	roots,
	setCounts,
	type NoteTag,
	type StageBoardState
} from '../../../shapes/sprint-board.ts';

/** Heat-map dots per person in a room. */
export const HEAT_DOTS = 5;
/** Straw-poll votes per person in a room. */
export const POLL_VOTES = 1;

const BUDGET: Record<SprintDotKind, number> = { heat: HEAT_DOTS, poll: POLL_VOTES };

function liveDocs(app: App) {
	if (!app.liveDocs) throw new ApiError(503, 'live_docs_unavailable', 'Rummets tavla är inte tillgänglig just nu. Försök igen om en stund.');
	return app.liveDocs;
}

function assertStage(ctx: RoomContext, stages: SprintStage[], what: string): void {
	const stage = ctx.sprint.stage as SprintStage | null;
	if (!stage || !stages.includes(stage)) throw new ApiError(409, 'stage_closed', `${what} går inte i det här skedet av sprinten.`);
}

/**
 * What the actor may do on the room's stage boards, shipped to the page that mounts
 * `StageBoard.svelte` (components never re-derive it): write on the boards (the socket checks the
 * same level), cast the decider's supervote.
 */
export function boardAbilities(actor: Actor, ctx: RoomContext): { write: boolean; supervote: boolean } {
	return {
		write: roomOpenFor(actor, ctx.room) && can(actor, 'write', roomTargetOf(ctx)),
		supervote: roomOpenFor(actor, ctx.room) && can(actor, 'write', roomTargetOf(ctx, 'sprint_supervote'))
	};
}

/** Reads one stage board of a room as plain data (an empty board without the live server). */
export async function readBoard(app: App, roomId: string, stage: SprintStage): Promise<StageBoardState> {
	const name = stageDocName(roomId, stage);
	if (!app.liveDocs) return readStageBoard(new Y.Doc());
	return app.liveDocs.read(name, (doc: Y.Doc) => readStageBoard(doc));
}

// ——— Sketch → Decide: the art museum ———

export interface SketchInput {
	title: string;
	panels: string[];
	fileIds?: string[];
}

/**
 * Hangs a solution sketch in the art museum. The author is kept in our table only; the board gets
 * the sketch from the server without any author. Not journalled, like a workshop card: an entry
 * naming the author would tie the person to the sketch for whoever reads the journal.
 */
export async function submitSketch(app: App, ctx: RoomContext & { actor: UserActor }, input: SketchInput): Promise<{ id: string }> {
	assertStage(ctx, ['sketch', 'decide'], 'Att lämna en lösningsskiss');
	if (input.panels.length !== SKETCH_PANELS) throw new ApiError(400, 'invalid_request', `En lösningsskiss har ${SKETCH_PANELS} rutor.`);
	const docs = liveDocs(app);
	const [row] = await app.db
		.insert(sprintSketches)
		.values({ roomId: ctx.room.id, authorUserId: ctx.actor.userId, title: input.title, panels: input.panels, fileIds: input.fileIds ?? [] })
		.returning();
	try {
		await docs.change(stageDocName(ctx.room.id, 'decide'), null, (doc) =>
			putSketch(doc, { id: row.id, title: row.title, panels: row.panels, fileIds: row.fileIds, createdAt: row.createdAt.getTime() })
		);
	} catch (err) {
		await app.db.delete(sprintSketches).where(eq(sprintSketches.id, row.id));
		throw err;
	}
	return { id: row.id };
}

async function sketchInRoom(db: Db, roomId: string, sketchId: string): Promise<void> {
	const [s] = await db
		.select({ id: sprintSketches.id })
		.from(sprintSketches)
		.where(and(eq(sprintSketches.id, sketchId), eq(sprintSketches.roomId, roomId)))
		.limit(1);
	if (!s) throw new ApiError(404, 'unknown_sketch', 'Det finns ingen sådan skiss i rummet.');
}

/** A speed-critique note on a sketch, on the board without its author. */
export async function addCritique(app: App, ctx: RoomContext & { actor: UserActor }, input: { sketchId: string; text: string }): Promise<{ id: string }> {
	assertStage(ctx, ['decide'], 'Att skriva kritik');
	await sketchInRoom(app.db, ctx.room.id, input.sketchId);
	const docs = liveDocs(app);
	const [row] = await app.db
		.insert(sprintCritiques)
		.values({ roomId: ctx.room.id, sketchId: input.sketchId, authorUserId: ctx.actor.userId, text: input.text })
		.returning();
	try {
		await docs.change(stageDocName(ctx.room.id, 'decide'), null, (doc) =>
			putCritique(doc, { id: row.id, sketchId: row.sketchId, text: row.text, createdAt: row.createdAt.getTime() })
		);
	} catch (err) {
		await app.db.delete(sprintCritiques).where(eq(sprintCritiques.id, row.id));
		throw err;
	}
	return { id: row.id };
}

export interface DotStatus {
	kind: SprintDotKind;
	budget: number;
	used: number;
	mine: Record<string, number>;
}

export async function dotStatus(db: Db, roomId: string, userId: string, kind: SprintDotKind): Promise<DotStatus> {
	const rows = await db
		.select({ targetId: sprintDots.targetId, n: count() })
		.from(sprintDots)
		.where(and(eq(sprintDots.roomId, roomId), eq(sprintDots.kind, kind), eq(sprintDots.voterUserId, userId)))
		.groupBy(sprintDots.targetId);
	const mine: Record<string, number> = {};
	let used = 0;
	for (const r of rows) {
		mine[r.targetId] = Number(r.n);
		used += Number(r.n);
	}
	return { kind, budget: BUDGET[kind], used, mine };
}

async function dotCounts(db: Db, roomId: string, kind: SprintDotKind): Promise<Record<string, number>> {
	const rows = await db
		.select({ targetId: sprintDots.targetId, n: count() })
		.from(sprintDots)
		.where(and(eq(sprintDots.roomId, roomId), eq(sprintDots.kind, kind)))
		.groupBy(sprintDots.targetId);
	return Object.fromEntries(rows.map((r) => [r.targetId, Number(r.n)]));
}

async function publishDots(app: App, roomId: string, kind: SprintDotKind): Promise<void> {
	const counts = await dotCounts(app.db, roomId, kind);
	await liveDocs(app).change(stageDocName(roomId, 'decide'), null, (doc) => setCounts(kind === 'heat' ? roots.heat(doc) : roots.poll(doc), counts));
}

/**
 * A heat-map dot or a straw-poll vote on a sketch (Decide). The budget is
 * the workshop engine's rule (`workshops/budget.ts`): checked inside a transaction that shares the
 * room row and locks the voter, so parallel requests of one voter cannot overspend it.
 */
export async function castDot(app: App, ctx: RoomContext & { actor: UserActor }, kind: SprintDotKind, targetId: string): Promise<DotStatus> {
	assertStage(ctx, ['decide'], kind === 'poll' ? 'Att rösta' : 'Att sätta prickar');
	await sketchInRoom(app.db, ctx.room.id, targetId);
	liveDocs(app);
	await app.db.transaction((tx) =>
		castWithinBudget(tx, {
			lock: { table: sprintRooms, id: sprintRooms.id, value: ctx.room.id },
			// Per voter: the room row is only shared, so different voters never wait for each other.
			voter: `user:${ctx.actor.userId}:${kind}`,
			budget: BUDGET[kind],
			votes: { table: sprintDots, voter: and(eq(sprintDots.roomId, ctx.room.id), eq(sprintDots.kind, kind), eq(sprintDots.voterUserId, ctx.actor.userId)) },
			message:
				kind === 'poll' ? 'Du har redan röstat. Ta tillbaka rösten för att rösta på en annan skiss.' : 'Du har satt alla dina prickar. Ta bort en för att sätta den någon annanstans.',
			insert: () => tx.insert(sprintDots).values({ roomId: ctx.room.id, kind, targetId, voterUserId: ctx.actor.userId })
		})
	);
	await publishDots(app, ctx.room.id, kind);
	return dotStatus(app.db, ctx.room.id, ctx.actor.userId, kind);
}

/** Takes back one of the caller's dots (or poll vote) on a sketch. */
export async function retractDot(app: App, ctx: RoomContext & { actor: UserActor }, kind: SprintDotKind, targetId: string): Promise<DotStatus> {
	assertStage(ctx, ['decide'], 'Att ändra prickar');
	const [dot] = await app.db
		.select({ id: sprintDots.id })
		.from(sprintDots)
		.where(and(eq(sprintDots.roomId, ctx.room.id), eq(sprintDots.kind, kind), eq(sprintDots.targetId, targetId), eq(sprintDots.voterUserId, ctx.actor.userId)))
		.limit(1);
	if (!dot) throw new ApiError(404, 'no_vote', 'Du har ingen prick där att ta bort.');
	await app.db.delete(sprintDots).where(eq(sprintDots.id, dot.id));
	await publishDots(app, ctx.room.id, kind);
	return dotStatus(app.db, ctx.room.id, ctx.actor.userId, kind);
}

/**
 * The decider's supervote (the policy lets only the room's decider write `sprint_supervote`).
 * It counts once: the room's one row is inserted or the vote is refused with 409.
 */
export async function castSupervote(app: App, ctx: RoomContext & { actor: UserActor }, sketchId: string): Promise<{ sketchId: string }> {
	assertStage(ctx, ['decide'], 'Superrösten');
	await sketchInRoom(app.db, ctx.room.id, sketchId);
	const docs = liveDocs(app);
	const now = app.clock.now();
	await journalled(app.db, async (tx, journal) => {
		const [row] = await tx
			.insert(sprintSupervotes)
			.values({ roomId: ctx.room.id, sketchId, userId: ctx.actor.userId, castAt: now })
			.onConflictDoNothing()
			.returning();
		if (!row) throw new ApiError(409, 'supervote_cast', 'Beslutsfattaren har redan lagt sin superröst i det här rummet.');
		await journal({
			initiativeId: ctx.sprint.initiativeId,
			actor: auditActor(ctx.actor),
			action: 'sprint.supervote_cast',
			data: { sprintId: ctx.sprint.id, roomId: ctx.room.id, sketchId }
		});
	});
	await docs.change(stageDocName(ctx.room.id, 'decide'), null, (doc) => roots.supervote(doc).set('sketchId', sketchId));
	return { sketchId };
}

// ——— Prototype ———

/**
 * Drafts the interview script from the sprint questions into the Prototype board (the team edits
 * it there). Only when the script is still empty: nobody's edits are overwritten.
 */
export async function draftScript(app: App, ctx: RoomContext, sv = true): Promise<boolean> {
	const script = draftInterviewScript(ctx.sprint.questions, sv);
	let written = false;
	await liveDocs(app).change(stageDocName(ctx.room.id, 'prototype'), null, (doc) => {
		const p = roots.prototype(doc);
		if (typeof p.get('script') === 'string' && (p.get('script') as string).trim()) return;
		p.set('script', script);
		written = true;
	});
	return written;
}

// ——— Test: end-user sessions ———

/** The landing page of a test-session guest (the join endpoint sends them there). */
export const testLanding = (workshopId: string) => `/t/${workshopId}`;

registerJoinLanding('sprint_test_session', async (db, workshopId) => {
	const [s] = await db.select({ id: sprintTestSessions.id }).from(sprintTestSessions).where(eq(sprintTestSessions.workshopId, workshopId)).limit(1);
	return s ? testLanding(workshopId) : null;
});

/**
 * Opens an end-user test session: a workshop row (title "Användartest", no supplier name) carries
 * the join code and the guests, so end users join like workshop guests — from a phone, display
 * name only. The session is listed on the Test board with its code.
 */
export async function createTestSession(app: App, ctx: RoomContext & { actor: UserActor }): Promise<{ id: string; code: string; workshopId: string }> {
	assertStage(ctx, ['prototype', 'test'], 'Att öppna en testsession');
	const docs = liveDocs(app);
	let w = await workshops.createWorkshop(app, ctx.actor, ctx.sprint.initiativeId, {
		title: 'Användartest',
		question: 'Testsession i en innovationssprint',
		anonymous: true,
		votesPerParticipant: 1
	});
	w = await workshops.changePhase(app, ctx.actor, w, 'collect');
	const now = app.clock.now();
	const session = await journalled(app.db, async (tx, journal) => {
		const [row] = await tx.insert(sprintTestSessions).values({ roomId: ctx.room.id, workshopId: w.id, createdBy: ctx.actor.userId, createdAt: now }).returning();
		await journal({
			initiativeId: ctx.sprint.initiativeId,
			actor: auditActor(ctx.actor),
			action: 'sprint.test_session_created',
			data: { sprintId: ctx.sprint.id, roomId: ctx.room.id, sessionId: row.id, workshopId: w.id }
		});
		return row;
	});
	await docs.change(stageDocName(ctx.room.id, 'test'), null, (doc) => putSession(doc, { id: session.id, code: w.joinCode, createdAt: now.getTime() }));
	return { id: session.id, code: w.joinCode, workshopId: w.id };
}

/**
 * Closes the open test sessions of these rooms (their workshop rows move to the engine's `closed`
 * phase, `workshops.changePhase`): the guests' sessions end at once instead of at their 24 h
 * expiry, connected guests are disconnected and the join code stops working. Called when the
 * sprint leaves the Test stage and when a room is locked; each close is journalled
 * (`workshop.closed`) as the leader who did it. Returns how many were closed.
 */
export async function closeTestSessions(app: App, actor: UserActor, roomIds: string[]): Promise<number> {
	if (!roomIds.length) return 0;
	const open = await app.db
		.select({ workshop: workshopsTable })
		.from(sprintTestSessions)
		.innerJoin(workshopsTable, eq(workshopsTable.id, sprintTestSessions.workshopId))
		.where(and(inArray(sprintTestSessions.roomId, roomIds), ne(workshopsTable.phase, 'closed')));
	let closed = 0;
	for (const { workshop } of open) {
		try {
			await workshops.changePhase(app, actor, workshop, 'closed');
			closed++;
		} catch (err) {
			// Closed by someone else in the meantime: nothing left to do for that one.
			if (!(err instanceof ApiError && err.status === 409)) throw err;
		}
	}
	return closed;
}

export interface TestSessionView {
	sessionId: string;
	roomId: string;
	/** The consent text the end user reads before taking part. */
	consentGiven: boolean;
	/** The prototype's links (from the Prototype board), nothing else of the room. */
	links: Array<{ url: string; caption: string }>;
}

/** The test session a guest belongs to, or null when the guest's workshop is not one. */
export async function sessionOfWorkshop(db: Db, workshopId: string) {
	const [s] = await db.select().from(sprintTestSessions).where(eq(sprintTestSessions.workshopId, workshopId)).limit(1);
	return s ?? null;
}

/** What an end user sees on their phone: whether they consented, and the prototype's links. */
export async function testSessionView(app: App, guest: GuestActor): Promise<TestSessionView | null> {
	const session = await sessionOfWorkshop(app.db, guest.workshopId);
	if (!session) return null;
	const [board, proto] = await Promise.all([readBoard(app, session.roomId, 'test'), readBoard(app, session.roomId, 'prototype')]);
	return {
		sessionId: session.id,
		roomId: session.roomId,
		consentGiven: board.interviewees.some((i) => i.id === guest.guestId),
		links: proto.links.map((l) => ({ url: l.url, caption: l.caption }))
	};
}

/**
 * The end user consents: they appear on the room's Test board by display name (and in the
 * pattern grid), journalled without the name.
 */
export async function giveConsent(app: App, guest: GuestActor): Promise<void> {
	const session = await sessionOfWorkshop(app.db, guest.workshopId);
	if (!session) throw new ApiError(404, 'not_found', 'Finns inte.');
	const [w] = await app.db.select({ initiativeId: workshopsTable.initiativeId }).from(workshopsTable).where(eq(workshopsTable.id, guest.workshopId)).limit(1);
	const docs = liveDocs(app);
	const board = await readBoard(app, session.roomId, 'test');
	if (board.interviewees.some((i) => i.id === guest.guestId)) return;
	const now = app.clock.now();
	await journalled(app.db, async (_tx, journal) => {
		await journal({
			initiativeId: w.initiativeId,
			actor: workshops.auditActor(guest),
			action: 'sprint.test_consent_given',
			data: { roomId: session.roomId, sessionId: session.id, guestId: guest.guestId }
		});
	});
	await docs.change(stageDocName(session.roomId, 'test'), null, (doc) =>
		putInterviewee(doc, { id: guest.guestId, name: guest.name, sessionId: session.id, joinedAt: now.getTime() })
	);
}

export interface NoteInput {
	intervieweeId: string;
	frame: number;
	tag: NoteTag;
	text: string;
}

/**
 * An interviewer's or observer's note, tagged, about one interviewee (a consenting guest of one
 * of the room's sessions) at one storyboard frame (0: the session in general).
 */
export async function addTestNote(app: App, ctx: RoomContext & { actor: UserActor }, input: NoteInput): Promise<{ id: string }> {
	assertStage(ctx, ['test'], 'Att anteckna');
	const [guest] = await app.db
		.select({ id: workshopGuests.id, sessionId: sprintTestSessions.id })
		.from(workshopGuests)
		.innerJoin(sprintTestSessions, eq(sprintTestSessions.workshopId, workshopGuests.workshopId))
		.where(and(eq(workshopGuests.id, input.intervieweeId), eq(sprintTestSessions.roomId, ctx.room.id)))
		.limit(1);
	if (!guest) throw new ApiError(404, 'unknown_interviewee', 'Det finns ingen sådan testperson i rummet.');
	const board = await readBoard(app, ctx.room.id, 'test');
	if (!board.interviewees.some((i) => i.id === guest.id)) throw new ApiError(409, 'no_consent', 'Testpersonen har inte gett sitt samtycke än.');
	const docs = liveDocs(app);
	const [row] = await app.db
		.insert(sprintTestNotes)
		.values({ roomId: ctx.room.id, sessionId: guest.sessionId, intervieweeGuestId: guest.id, frame: input.frame, tag: input.tag, text: input.text, authorUserId: ctx.actor.userId })
		.returning();
	try {
		await docs.change(stageDocName(ctx.room.id, 'test'), null, (doc) =>
			putNote(doc, { id: row.id, intervieweeId: guest.id, frame: row.frame, tag: row.tag, text: row.text, createdAt: row.createdAt.getTime() })
		);
	} catch (err) {
		await app.db.delete(sprintTestNotes).where(eq(sprintTestNotes.id, row.id));
		throw err;
	}
	return { id: row.id };
}

export async function listTestSessions(db: Db, roomId: string) {
	return db
		.select({ id: sprintTestSessions.id, code: workshopsTable.joinCode, workshopId: workshopsTable.id, createdAt: sprintTestSessions.createdAt })
		.from(sprintTestSessions)
		.innerJoin(workshopsTable, eq(workshopsTable.id, sprintTestSessions.workshopId))
		.where(eq(sprintTestSessions.roomId, roomId))
		.orderBy(asc(sprintTestSessions.createdAt));
}

// ——— the buyer gallery ———

export interface Gallery {
	revealed: boolean;
	rooms: Array<{
		letter: string;
		/** Only once the names were revealed. */
		organisation?: { id: string; name: string };
		sketches: Array<{ id: string; title: string; panels: string[]; heat: number; poll: number; supervoted: boolean }>;
	}>;
}

/** The gallery opens after Decide has started (before that there is nothing to compare). */
export function assertGalleryOpen(ctx: SprintContext): void {
	const stage = ctx.sprint.stage as SprintStage | null;
	if (stage !== 'decide' && stage !== 'prototype' && stage !== 'test') {
		throw new ApiError(409, 'stage_closed', 'Galleriet öppnar när sprinten har kommit till Besluta.');
	}
}

/**
 * Every room's solution concepts side by side, for the buyer team: rooms by letter, sketches
 * without authors (the sketch rows' authors are never read here), supplier names only after a
 * journalled reveal.
 */
export async function gallery(app: App, ctx: SprintContext): Promise<Gallery> {
	const [reveal] = await app.db.select().from(sprintGalleryReveals).where(eq(sprintGalleryReveals.sprintId, ctx.sprint.id)).limit(1);
	const rooms = await app.db
		.select({ id: sprintRooms.id, letter: sprintRooms.letter, organisationId: sprintRooms.organisationId, name: organisations.name })
		.from(sprintRooms)
		.leftJoin(organisations, eq(organisations.id, sprintRooms.organisationId))
		.where(eq(sprintRooms.sprintId, ctx.sprint.id))
		.orderBy(asc(sprintRooms.letter));
	const ids = rooms.map((r) => r.id);
	const sketches = ids.length
		? await app.db
				.select({ id: sprintSketches.id, roomId: sprintSketches.roomId, title: sprintSketches.title, panels: sprintSketches.panels, createdAt: sprintSketches.createdAt })
				.from(sprintSketches)
				.where(inArray(sprintSketches.roomId, ids))
				.orderBy(asc(sprintSketches.createdAt))
		: [];
	const dots = ids.length
		? await app.db
				.select({ targetId: sprintDots.targetId, kind: sprintDots.kind, n: count() })
				.from(sprintDots)
				.where(inArray(sprintDots.roomId, ids))
				.groupBy(sprintDots.targetId, sprintDots.kind)
		: [];
	const supervotes = ids.length ? await app.db.select().from(sprintSupervotes).where(inArray(sprintSupervotes.roomId, ids)) : [];
	const chosen = new Set(supervotes.map((s) => s.sketchId));
	const tally = (id: string, kind: SprintDotKind) => Number(dots.find((d) => d.targetId === id && d.kind === kind)?.n ?? 0);
	return {
		revealed: !!reveal,
		rooms: rooms.map((r) => ({
			letter: r.letter,
			...(reveal && r.organisationId && r.name ? { organisation: { id: r.organisationId, name: r.name } } : {}),
			sketches: sketches
				.filter((s) => s.roomId === r.id)
				.map((s) => ({ id: s.id, title: s.title, panels: s.panels, heat: tally(s.id, 'heat'), poll: tally(s.id, 'poll'), supervoted: chosen.has(s.id) }))
		}))
	};
}

/** Reveals the supplier names in the gallery (on request, with a reason; journalled once). */
export async function revealGallery(app: App, ctx: SprintContext & { actor: UserActor }, reason: string): Promise<void> {
	const now = app.clock.now();
	await journalled(app.db, async (tx, journal) => {
		const [row] = await tx.insert(sprintGalleryReveals).values({ sprintId: ctx.sprint.id, revealedBy: ctx.actor.userId, reason, revealedAt: now }).onConflictDoNothing().returning();
		if (!row) throw new ApiError(409, 'already_revealed', 'Namnen är redan visade.');
		await journal({
			initiativeId: ctx.sprint.initiativeId,
			actor: auditActor(ctx.actor),
			action: 'sprint.gallery_revealed',
			data: { sprintId: ctx.sprint.id, reason }
		});
	});
}

// ——— the sprint log ———

export interface StageLogSection {
	stage: SprintStage;
	lines: string[];
}

/**
 * What the stage boards contribute to the room's sprint log: the map's goal and target, the
 * "How might we" notes, the sketches (without authors), the supervoted one, the storyboard, the
 * prototype checklist and the test findings (pattern grid totals and the questions' verdicts).
 */
export async function stageLog(app: App, roomId: string, questions: string[], only: SprintStage[] = ['map', 'sketch', 'decide', 'prototype', 'test']): Promise<StageLogSection[]> {
	const empty = readStageBoard(new Y.Doc());
	const board = async (s: SprintStage) => (only.includes(s) ? readBoard(app, roomId, s) : empty);
	const [map, sketch, decide, prototype, test] = await Promise.all((['map', 'sketch', 'decide', 'prototype', 'test'] as const).map(board));
	const out: StageLogSection[] = [];
	const targetStep = map.steps.find((s) => s.id === map.target);
	out.push({
		stage: 'map',
		lines: [
			...(map.goal ? [`Långsiktigt mål: ${map.goal}`] : []),
			...map.actors.map((a) => `${a.name}: ${map.steps.filter((s) => s.actorId === a.id).map((s) => s.text).join(' → ')}`),
			...(targetStep ? [`Valt mål på kartan: ${targetStep.text}`] : []),
			...(only.includes('map') ? await hmwLogLines(app, roomId) : [])
		]
	});
	out.push({ stage: 'sketch', lines: [...sketch.demos.map((d) => `Blixtdemo: ${d.caption || d.url}`)] });
	const chosen = decide.museum.find((s) => s.id === decide.supervote);
	out.push({
		stage: 'decide',
		lines: [
			...decide.museum.map((s) => `Skiss ${s.title}: ${s.heat} prickar, ${s.poll} röster`),
			...(chosen ? [`Beslutsfattarens superröst: ${chosen.title}`] : []),
			...decide.storyboard.map((f, i) => `Storyboard ${i + 1}: ${f.text}`)
		]
	});
	out.push({ stage: 'prototype', lines: [...prototype.links.map((l) => `Prototyp: ${l.caption || l.url}`), ...prototype.checklist.map((c) => `${c.done ? '☑' : '☐'} ${c.text}`)] });
	const tags = { positive: 0, negative: 0, neutral: 0 };
	for (const n of test.notes) tags[n.tag] += 1;
	out.push({
		stage: 'test',
		lines: [
			`Testpersoner: ${test.interviewees.length}; anteckningar: ${tags.positive} positiva, ${tags.negative} negativa, ${tags.neutral} neutrala`,
			...questions.map((q, i) => {
				const v = test.verdicts[String(i)];
				const verdict = v?.verdict === 'yes' ? 'ja' : v?.verdict === 'no' ? 'nej' : v?.verdict === 'unclear' ? 'oklart' : 'inte besvarad';
				return `${q} — ${verdict}${v?.evidence ? ` (${v.evidence})` : ''}`;
			})
		]
	});
	return out.filter((s) => only.includes(s.stage));
}
