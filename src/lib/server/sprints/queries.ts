/**
 * What the sprint API and pages show, shaped per viewer. Rule 3 is applied here field by field:
 * a supplier's view of a sprint lists its own room only and carries nothing that would betray the
 * others — not their number, not the room's letter (a "C" says there are at least three), not the
 * time other rooms asked their questions, not the reason a one-room input was sent.
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, or, sum, sql } from 'drizzle-orm';
import {
	organisations,
	rfis,
	rfiResponses,
	sprintInputDeliveries,
	sprintInputs,
	sprintLogEntries,
	sprintMeetings,
	sprintQuestions,
	sprintRoomMembers,
	sprintRooms,
	sprints,
	supplierParticipants,
	users
} from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { Actor } from '../access/policy.ts';
import * as files from '../files/index.ts';
import { registry } from '../registry.ts';
import { proposalsOfFindings } from '../requirements/proposals.ts';
import type { RoomContext, SprintContext, SprintRoom } from './access.ts';
import { roomDocName } from './stages.ts';
import { roomOpenFor } from './access.ts';

const isSupplier = (actor: Actor) => actor.kind === 'user' && actor.organisationKind === 'supplier';

async function orgNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
	const valid = [...new Set(ids.filter((id): id is string => !!id))];
	if (!valid.length) return new Map();
	const rows = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, valid));
	return new Map(rows.map((r) => [r.id, r.name]));
}

export interface SprintListItem {
	id: string;
	title: string;
	stage: string | null;
	rooms: number;
	createdAt: string;
}

/** The initiative's sprints (buyer side). */
export async function listSprints(db: Db, initiativeId: string): Promise<SprintListItem[]> {
	const rows = await db
		.select({ id: sprints.id, title: sprints.title, stage: sprints.stage, createdAt: sprints.createdAt, rooms: count(sprintRooms.id) })
		.from(sprints)
		.leftJoin(sprintRooms, eq(sprintRooms.sprintId, sprints.id))
		.where(eq(sprints.initiativeId, initiativeId))
		.groupBy(sprints.id)
		.orderBy(asc(sprints.createdAt));
	return rows.map((r) => ({ id: r.id, title: r.title, stage: r.stage, rooms: Number(r.rooms), createdAt: r.createdAt.toISOString() }));
}

/** The sprint rooms of the supplier's own organisation, across initiatives (the portal's start page). */
export async function roomsOfOrganisation(db: Db, organisationId: string) {
	const rows = await db
		.select({ roomId: sprintRooms.id, sprintTitle: sprints.title, stage: sprints.stage, termsAcceptedAt: sprintRooms.termsAcceptedAt })
		.from(sprintRooms)
		.innerJoin(sprints, eq(sprints.id, sprintRooms.sprintId))
		.where(eq(sprintRooms.organisationId, organisationId))
		.orderBy(asc(sprints.createdAt));
	return rows.map((r) => ({ roomId: r.roomId, title: r.sprintTitle, stage: r.stage, termsAccepted: r.termsAcceptedAt !== null }));
}

export interface RoomRef {
	id: string;
	docName: string;
	organisation?: { id: string; name: string };
	/** Buyer side only: the anonymous letter, lock, terms and decider. */
	letter?: string;
	locked?: boolean;
	termsAccepted?: boolean;
	deciderUserId?: string | null;
	invitationPending?: boolean;
}

/**
 * `GET /api/v1/sprints/:id`: the buyer side sees every room; a supplier user sees only its own
 * room (and nothing that counts the others).
 */
export async function sprintView(db: Db, actor: Actor, ctx: SprintContext) {
	const s = ctx.sprint;
	const supplier = isSupplier(actor);
	const rooms = supplier
		? ctx.scope.ownRoomId
			? await db.select().from(sprintRooms).where(eq(sprintRooms.id, ctx.scope.ownRoomId))
			: []
		: await db.select().from(sprintRooms).where(eq(sprintRooms.sprintId, s.id)).orderBy(asc(sprintRooms.letter));
	const names = await orgNames(db, rooms.map((r) => r.organisationId));
	const roomRefs: RoomRef[] = rooms.map((r) => {
		const ref: RoomRef = { id: r.id, docName: roomDocName(r.id) };
		if (r.organisationId) ref.organisation = { id: r.organisationId, name: names.get(r.organisationId) ?? '' };
		if (!supplier) {
			ref.letter = r.letter;
			ref.locked = r.lockedAt !== null;
			ref.termsAccepted = r.termsAcceptedAt !== null;
			ref.deciderUserId = r.deciderUserId;
			ref.invitationPending = r.organisationId === null;
		}
		return ref;
	});
	return {
		id: s.id,
		initiativeId: s.initiativeId,
		title: s.title,
		stage: s.stage,
		stageStartedAt: s.stageStartedAt?.toISOString() ?? null,
		timerEndsAt: s.timerEndsAt?.toISOString() ?? null,
		template: s.template,
		schedule: s.schedule,
		goal: s.goal,
		questions: s.questions,
		needIds: s.needIds,
		requirementsVersion: s.requirementsVersion,
		rooms: roomRefs
	};
}
export type SprintView = Awaited<ReturnType<typeof sprintView>>;

export interface InputView {
	id: string;
	title: string;
	sha256: string;
	arrivedAt: string;
	body: string;
	files: ReturnType<typeof files.view>[];
	/** Sent to this room only (the buyer side also sees why). */
	thisRoomOnly: boolean;
	reason?: string;
}

/** The inputs that arrived in a room, oldest first. */
export async function roomInputs(db: Db, actor: Actor, roomId: string): Promise<InputView[]> {
	const rows = await db
		.select({
			id: sprintInputs.id,
			title: sprintInputs.title,
			body: sprintInputs.body,
			fileIds: sprintInputs.fileIds,
			roomId: sprintInputs.roomId,
			reason: sprintInputs.reason,
			sha256: sprintInputDeliveries.sha256,
			arrivedAt: sprintInputDeliveries.arrivedAt
		})
		.from(sprintInputDeliveries)
		.innerJoin(sprintInputs, eq(sprintInputs.id, sprintInputDeliveries.inputId))
		.where(eq(sprintInputDeliveries.roomId, roomId))
		.orderBy(asc(sprintInputDeliveries.arrivedAt), asc(sprintInputs.title));
	const metas = new Map((await files.metas(db, rows.flatMap((r) => r.fileIds))).map((m) => [m.id, m]));
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		sha256: r.sha256,
		arrivedAt: r.arrivedAt.toISOString(),
		body: r.body,
		files: r.fileIds.map((id) => metas.get(id)).filter((m) => !!m).map(files.view),
		thisRoomOnly: r.roomId !== null,
		...(isSupplier(actor) || r.reason === null ? {} : { reason: r.reason })
	}));
}

export interface QuestionView {
	id: string;
	text: string;
	answer: string | null;
	answeredAt: string | null;
	/** Asked in this room. */
	askedHere: boolean;
	/** Answered to every room (false: to the asking room only, or not yet answered). */
	toAll: boolean;
	/** Only for questions asked in this room. */
	askedAt?: string;
	/** Buyer side only. */
	asker?: { id: string; name: string };
	specificReason?: string | null;
}

/**
 * The questions a room sees: its own (answered or not) and every answer published to all rooms,
 * the asker never shown to a supplier and other rooms' questions only once answered to all.
 */
export async function roomQuestions(db: Db, actor: Actor, room: Pick<SprintRoom, 'id' | 'sprintId'>): Promise<QuestionView[]> {
	const rows = await db
		.select({ q: sprintQuestions, askerName: users.name })
		.from(sprintQuestions)
		.innerJoin(users, eq(users.id, sprintQuestions.askedBy))
		.where(
			and(
				eq(sprintQuestions.sprintId, room.sprintId),
				or(eq(sprintQuestions.roomId, room.id), and(isNotNull(sprintQuestions.answeredAt), isNull(sprintQuestions.specificReason)))
			)
		)
		.orderBy(asc(sprintQuestions.answeredAt), asc(sprintQuestions.askedAt));
	const supplier = isSupplier(actor);
	return rows.map(({ q, askerName }) => {
		const here = q.roomId === room.id;
		const view: QuestionView = {
			id: q.id,
			text: q.text,
			answer: q.answer,
			answeredAt: q.answeredAt?.toISOString() ?? null,
			askedHere: here,
			toAll: q.answeredAt !== null && q.specificReason === null
		};
		if (here) view.askedAt = q.askedAt.toISOString();
		if (!supplier && here) {
			view.asker = { id: q.askedBy, name: askerName };
			view.specificReason = q.specificReason;
		}
		return view;
	});
}

/** Every question of the sprint with its room (buyer side: the console answers them). */
export async function allQuestions(db: Db, sprintId: string) {
	const rows = await db
		.select({ q: sprintQuestions, letter: sprintRooms.letter, askerName: users.name })
		.from(sprintQuestions)
		.innerJoin(sprintRooms, eq(sprintRooms.id, sprintQuestions.roomId))
		.innerJoin(users, eq(users.id, sprintQuestions.askedBy))
		.where(eq(sprintQuestions.sprintId, sprintId))
		.orderBy(asc(sprintQuestions.askedAt));
	return rows.map(({ q, letter, askerName }) => ({
		id: q.id,
		roomId: q.roomId,
		letter,
		text: q.text,
		askedAt: q.askedAt.toISOString(),
		asker: { id: q.askedBy, name: askerName },
		answer: q.answer,
		answeredAt: q.answeredAt?.toISOString() ?? null,
		specificReason: q.specificReason
	}));
}

export async function roomMeetings(db: Db, roomId: string) {
	const rows = await db.select().from(sprintMeetings).where(eq(sprintMeetings.roomId, roomId)).orderBy(asc(sprintMeetings.startedAt));
	return rows.map((m) => ({
		id: m.id,
		startedAt: m.startedAt.toISOString(),
		endedAt: m.endedAt.toISOString(),
		minutes: Math.round((m.endedAt.getTime() - m.startedAt.getTime()) / 60_000),
		topic: m.topic,
		people: m.userIds.length
	}));
}

export async function roomLogEntries(db: Db, roomId: string) {
	const rows = await db.select().from(sprintLogEntries).where(eq(sprintLogEntries.roomId, roomId)).orderBy(asc(sprintLogEntries.createdAt));
	const opened = await proposalsOfFindings(db, rows.filter((e) => e.kind === 'finding').map((e) => e.id));
	return rows.map((e) => ({ id: e.id, stage: e.stage, kind: e.kind, text: e.text, needIds: e.needIds, proposal: opened.get(e.id) ?? null, createdAt: e.createdAt.toISOString() }));
}

/**
 * `GET /api/v1/sprint-rooms/:id`: the room as its members and the buyer team see it. The
 * contract's fields first (`id, stage, docName, inputs, deciderUserId`), then what the pages use.
 */
export async function roomView(db: Db, actor: Actor, ctx: RoomContext) {
	const { room, sprint } = ctx;
	const supplier = isSupplier(actor);
	const [inputs, questions] = await Promise.all([roomInputs(db, actor, room.id), roomQuestions(db, actor, room)]);
	const names = await orgNames(db, [room.organisationId]);
	const assigned = supplier
		? []
		: await db
				.select({ id: users.id, name: users.name })
				.from(sprintRoomMembers)
				.innerJoin(users, eq(users.id, sprintRoomMembers.userId))
				.where(eq(sprintRoomMembers.roomId, room.id))
				.orderBy(asc(users.name));
	return {
		id: room.id,
		stage: sprint.stage,
		docName: roomDocName(room.id),
		inputs,
		deciderUserId: room.deciderUserId,
		sprint: {
			id: sprint.id,
			title: sprint.title,
			goal: sprint.goal,
			questions: sprint.questions,
			schedule: sprint.schedule,
			stageStartedAt: sprint.stageStartedAt?.toISOString() ?? null,
			timerEndsAt: sprint.timerEndsAt?.toISOString() ?? null
		},
		organisation: room.organisationId ? { id: room.organisationId, name: names.get(room.organisationId) ?? '' } : null,
		locked: room.lockedAt !== null,
		termsAccepted: room.termsAcceptedAt !== null,
		open: roomOpenFor(actor, room),
		questions,
		logEntries: await roomLogEntries(db, room.id),
		...(supplier
			? {}
			: { letter: room.letter, confidential: room.confidential, members: assigned, meetings: await roomMeetings(db, room.id) })
	};
}
export type RoomView = Awaited<ReturnType<typeof roomView>>;

/** Counts one capability adds to the console's overview per room (e.g. the stage boards: cards, sketches). */
export type ProgressCounter = (db: Db, roomIds: string[]) => Promise<Map<string, Record<string, number>>>;
const counters = registry<ProgressCounter>('sprints.progress');

/** Registers (or replaces) counts for the leader's overview. Counts only: never content. */
export function registerProgressCounter(name: string, counter: ProgressCounter): void {
	counters.set(name, counter);
}

/** The leader's live overview: per room, counts only. */
export async function progress(db: Db, sprintId: string) {
	const rooms = await db.select().from(sprintRooms).where(eq(sprintRooms.sprintId, sprintId)).orderBy(asc(sprintRooms.letter));
	const ids = rooms.map((r) => r.id);
	if (!ids.length) return [];
	const inputCounts = await db.select({ roomId: sprintInputDeliveries.roomId, n: count() }).from(sprintInputDeliveries).where(inArray(sprintInputDeliveries.roomId, ids)).groupBy(sprintInputDeliveries.roomId);
	const questionCounts = await db
		.select({ roomId: sprintQuestions.roomId, n: count(), open: sql<number>`count(*) filter (where ${sprintQuestions.answeredAt} is null)` })
		.from(sprintQuestions)
		.where(inArray(sprintQuestions.roomId, ids))
		.groupBy(sprintQuestions.roomId);
	const meetingCounts = await db
		.select({ roomId: sprintMeetings.roomId, n: count(), seconds: sum(sql`extract(epoch from (${sprintMeetings.endedAt} - ${sprintMeetings.startedAt}))`) })
		.from(sprintMeetings)
		.where(inArray(sprintMeetings.roomId, ids))
		.groupBy(sprintMeetings.roomId);
	const logCounts = await db.select({ roomId: sprintLogEntries.roomId, n: count() }).from(sprintLogEntries).where(inArray(sprintLogEntries.roomId, ids)).groupBy(sprintLogEntries.roomId);
	const extra = new Map<string, Record<string, number>>();
	for (const counter of counters.values()) {
		for (const [roomId, counts] of await counter(db, ids)) extra.set(roomId, { ...(extra.get(roomId) ?? {}), ...counts });
	}
	const names = await orgNames(db, rooms.map((r) => r.organisationId));
	const by = <T extends { roomId: string }>(rows: T[]) => new Map(rows.map((r) => [r.roomId, r]));
	const [ic, qc, mc, lc] = [by(inputCounts), by(questionCounts), by(meetingCounts), by(logCounts)];
	return rooms.map((r) => ({
		roomId: r.id,
		letter: r.letter,
		organisation: r.organisationId ? { id: r.organisationId, name: names.get(r.organisationId) ?? '' } : null,
		termsAccepted: r.termsAcceptedAt !== null,
		locked: r.lockedAt !== null,
		inputs: Number(ic.get(r.id)?.n ?? 0),
		questions: Number(qc.get(r.id)?.n ?? 0),
		openQuestions: Number(qc.get(r.id)?.open ?? 0),
		meetings: Number(mc.get(r.id)?.n ?? 0),
		meetingMinutes: Math.round(Number(mc.get(r.id)?.seconds ?? 0) / 60),
		logEntries: Number(lc.get(r.id)?.n ?? 0),
		counts: extra.get(r.id) ?? {}
	}));
}

/**
 * Supplier organisations that can be picked for a sprint without an e-mail: those that took part
 * in an RFI round of the initiative (accepted an invitation, joined an open round, or answered).
 */
export async function candidateOrganisations(db: Db, initiativeId: string): Promise<Array<{ id: string; name: string }>> {
	const rounds = await db.select({ id: rfis.id }).from(rfis).where(eq(rfis.initiativeId, initiativeId));
	if (!rounds.length) return [];
	const roundIds = rounds.map((r) => r.id);
	const participants = await db
		.select({ id: supplierParticipants.organisationId })
		.from(supplierParticipants)
		.where(and(eq(supplierParticipants.subjectKind, 'rfi'), inArray(supplierParticipants.subjectId, roundIds)));
	const answered = await db.select({ id: rfiResponses.organisationId }).from(rfiResponses).where(inArray(rfiResponses.rfiId, roundIds));
	const ids = [...new Set([...participants, ...answered].map((r) => r.id))];
	const names = await orgNames(db, ids);
	return ids.map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}
