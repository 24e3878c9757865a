/**
 * Changes to sprints. Each command assumes the route asked the policy (`access.ts`); it enforces
 * what the policy cannot see from a role alone — that an input reaches every room in one
 * transaction with one hash and one arrival time, that a one-room input has a written reason,
 * that a decider belongs to the room — and writes the journal and the notifications in the same
 * transaction as the change (`journalled`). Live-document writes and access re-checks follow the
 * commit.
 *
 * Rule 3 in every notification: a supplier's users are told about their own room only, and the
 * data of a notification never names another supplier or another room.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import {
	needs,
	organisations,
	sprintInputDeliveries,
	sprintInputs,
	sprintLogEntries,
	sprintMeetings,
	sprintQuestions,
	sprintRoomMembers,
	sprintRooms,
	sprints,
	sprintTemplates,
	users
} from '../db/schema/index.ts';
import type { Tx } from '../db/index.ts';
import type { App } from '../app.ts';
import type { UserActor } from '../access/policy.ts';
import { journalled, type Journal } from '../audit/command.ts';
import { canonicalJson } from '../audit/index.ts';
import { ApiError, notFound } from '../http/api.ts';
import { isUuid } from '../access/scope.ts';
import { notify } from '../notifications/index.ts';
import { getVersion } from '../requirements/versions.ts';
import * as proposals from '../requirements/proposals.ts';
import * as files from '../files/index.ts';
import { buyerTeamUserIds, organisationUserIds } from '../market/recipients.ts';
import { inviteSupplier, onSupplierInvitationAccepted } from '../market/invitations.ts';
import { auditActor } from '../initiatives/commands.ts';
import type { RoomContext, SprintContext, SprintRoom } from './access.ts';
import { findTemplate } from './templates.ts';
import { TERMS_SHA256 } from './terms.ts';
import { notifyRoomsLocked, notifyStageStarted, publishRoomStage, type StageStarted } from './stage.ts';
import { roomDocName } from './stages.ts';
import type { AddRoomInput, CreateSprintInput, InputInput, LogEntryInput, MeetingInput, RoomSettingsInput, StageInput, TemplateInput } from './validation.ts';

/** Where a room member reads the room: the supplier portal for suppliers, the console for the buyer team. */
export const supplierRoomLink = (roomId: string) => `/sprints/${roomId}`;
export const consoleLink = (initiativeId: string, sprintId: string) => `/initiatives/${initiativeId}/sprints/${sprintId}`;

/** The file purpose of buyer inputs (registered in `files.ts`). */
export const INPUT_FILE_PURPOSE = 'sprint_input';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Needs must be the initiative's own. */
async function checkNeeds(tx: Tx, initiativeId: string, needIds: string[]): Promise<void> {
	const ids = [...new Set(needIds)];
	if (!ids.length) return;
	const found = await tx.select({ id: needs.id }).from(needs).where(and(eq(needs.initiativeId, initiativeId), inArray(needs.id, ids)));
	if (found.length !== ids.length) throw new ApiError(400, 'unknown_need', 'Ett behov finns inte i initiativet.');
}

/** Creates a sprint in an initiative from a template (built in, or the creator's organisation's own). */
export async function createSprint(app: App, actor: UserActor, initiativeId: string, input: CreateSprintInput): Promise<{ id: string }> {
	return journalled(app.db, async (tx, journal) => {
		const template = await findTemplate(tx, actor.organisationId, input.template);
		if (!template) throw new ApiError(400, 'unknown_template', 'Mallen finns inte. Välj design_sprint_5, design_sprint_4 eller en av organisationens mallar.');
		await checkNeeds(tx, initiativeId, input.needIds ?? []);
		if (input.requirementsVersion != null) {
			const version = await getVersion(tx as never, actor, initiativeId, input.requirementsVersion);
			if (!version) throw new ApiError(400, 'unknown_version', `Kravversion ${input.requirementsVersion} finns inte.`);
		}
		const [row] = await tx
			.insert(sprints)
			.values({
				initiativeId,
				title: input.title,
				template: template.id,
				schedule: template.schedule,
				goal: input.goal,
				questions: input.questions,
				needIds: [...new Set(input.needIds ?? [])],
				requirementsVersion: input.requirementsVersion ?? null,
				createdBy: actor.userId,
				createdAt: app.clock.now()
			})
			.returning({ id: sprints.id });
		await journal({
			initiativeId,
			actor: auditActor(actor),
			action: 'sprint.created',
			data: { sprintId: row.id, title: input.title, template: template.id, questions: input.questions.length, needs: (input.needIds ?? []).length }
		});
		return { id: row.id };
	});
}

/** Adds a template to the caller's organisation (organisation administrators of buyer organisations). */
export async function createTemplate(app: App, actor: UserActor, input: TemplateInput): Promise<{ id: string }> {
	if (actor.organisationKind !== 'buyer') throw new ApiError(403, 'forbidden', 'Bara upphandlande organisationer har sprintmallar.');
	return journalled(app.db, async (tx, journal) => {
		const [row] = await tx
			.insert(sprintTemplates)
			.values({ organisationId: actor.organisationId, name: input.name, schedule: input.schedule, createdBy: actor.userId, createdAt: app.clock.now() })
			.returning({ id: sprintTemplates.id });
		await journal({ initiativeId: null, actor: auditActor(actor), action: 'sprint.template_created', data: { templateId: row.id, name: input.name, days: input.schedule.length } });
		return { id: row.id };
	});
}

/**
 * Delivers every input published to all rooms into a room that joined later, with the room's own
 * arrival time (the parity report shows the difference and why).
 */
async function deliverEarlierInputs(tx: Tx, sprintId: string, roomId: string, now: Date): Promise<number> {
	const common = await tx
		.select({ id: sprintInputs.id, sha256: sprintInputs.sha256 })
		.from(sprintInputs)
		.where(and(eq(sprintInputs.sprintId, sprintId), isNull(sprintInputs.roomId)));
	if (common.length) {
		await tx.insert(sprintInputDeliveries).values(common.map((i) => ({ inputId: i.id, roomId, sha256: i.sha256, arrivedAt: now })));
	}
	return common.length;
}

/**
 * Adds a supplier's room: for an organisation already on Brygga (`organisationId`, a supplier
 * organisation), or by e-mail (an invitation like an RFI's: the room gets its organisation when
 * the invitation is accepted). The room receives every input already published to all rooms.
 */
export async function addRoom(app: App, actor: UserActor, ctx: SprintContext, input: AddRoomInput, origin: string): Promise<{ roomId: string; docName: string; inviteUrl?: string }> {
	const sprint = ctx.sprint;
	const organisationId = 'organisationId' in input ? input.organisationId : null;
	const room = await journalled(app.db, async (tx, journal) => {
		// One room at a time per sprint: the letter is the next free one.
		await tx.select({ id: sprints.id }).from(sprints).where(eq(sprints.id, sprint.id)).for('update');
		if (organisationId) {
			const [org] = await tx.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, organisationId)).limit(1);
			if (!org) throw new ApiError(400, 'unknown_organisation', 'Organisationen finns inte.');
			if (org.kind !== 'supplier') throw new ApiError(400, 'not_a_supplier', 'Bara leverantörsorganisationer får ett sprintrum.');
			const [existing] = await tx
				.select({ id: sprintRooms.id })
				.from(sprintRooms)
				.where(and(eq(sprintRooms.sprintId, sprint.id), eq(sprintRooms.organisationId, organisationId)))
				.limit(1);
			if (existing) throw new ApiError(409, 'already_in_sprint', 'Leverantören har redan ett rum i sprinten.');
		}
		const taken = await tx.select({ letter: sprintRooms.letter }).from(sprintRooms).where(eq(sprintRooms.sprintId, sprint.id));
		if (taken.length >= LETTERS.length) throw new ApiError(409, 'too_many_rooms', 'En sprint har högst 26 rum.');
		const used = new Set(taken.map((t) => t.letter));
		const letter = [...LETTERS].find((l) => !used.has(l))!;
		const now = app.clock.now();
		const [row] = await tx.insert(sprintRooms).values({ sprintId: sprint.id, organisationId, letter, createdAt: now }).returning();
		const delivered = await deliverEarlierInputs(tx, sprint.id, row.id, now);
		await journal({
			initiativeId: sprint.initiativeId,
			actor: auditActor(actor),
			action: 'sprint.room_added',
			data: { sprintId: sprint.id, roomId: row.id, letter, organisationId, byEmail: !organisationId, earlierInputs: delivered }
		});
		if (organisationId) {
			await notify(app, tx, {
				userIds: await organisationUserIds(tx, organisationId),
				kind: 'sprint.room_opened',
				data: { title: sprint.title },
				link: supplierRoomLink(row.id)
			});
		}
		return row;
	});
	if ('email' in input) {
		try {
			const invitation = await inviteSupplier(app, actor, {
				subjectKind: 'sprint',
				subjectId: room.id,
				initiativeId: sprint.initiativeId,
				subjectTitle: sprint.title,
				email: input.email,
				origin
			});
			await app.db.update(sprintRooms).set({ invitationId: invitation.id }).where(eq(sprintRooms.id, room.id));
			return { roomId: room.id, docName: roomDocName(room.id), inviteUrl: invitation.inviteUrl };
		} catch (err) {
			// The invitation was refused (rate limit, a buyer's address): the empty room goes too,
			// journalled, so the sprint never keeps a room nobody can enter.
			await journalled(app.db, async (tx, journal) => {
				await tx.delete(sprintRooms).where(eq(sprintRooms.id, room.id));
				await journal({ initiativeId: sprint.initiativeId, actor: auditActor(actor), action: 'sprint.room_removed', data: { sprintId: sprint.id, roomId: room.id, reason: 'invitation_refused' } });
			});
			throw err;
		}
	}
	return { roomId: room.id, docName: roomDocName(room.id) };
}

// An e-mail invitation to a room, once accepted, gives the room its organisation.
onSupplierInvitationAccepted('sprint', async (tx, { subjectId, organisationId }) => {
	const [room] = await tx.select().from(sprintRooms).where(eq(sprintRooms.id, subjectId)).for('update');
	if (!room) throw notFound();
	if (room.organisationId === organisationId) return;
	if (room.organisationId) throw new ApiError(409, 'room_taken', 'Rummet tillhör redan en annan leverantör.');
	const [other] = await tx
		.select({ id: sprintRooms.id })
		.from(sprintRooms)
		.where(and(eq(sprintRooms.sprintId, room.sprintId), eq(sprintRooms.organisationId, organisationId)))
		.limit(1);
	if (other) throw new ApiError(409, 'already_in_sprint', 'Er organisation har redan ett rum i den här sprinten.');
	await tx.update(sprintRooms).set({ organisationId }).where(eq(sprintRooms.id, room.id));
});

/** Buyer-side members of the initiative who may be assigned to a room (process leaders and team, buyer organisations). */
async function assignableUserIds(tx: Tx, initiativeId: string): Promise<Set<string>> {
	return new Set(await buyerTeamUserIds(tx, initiativeId));
}

/** The users who belong to a room: the supplier's users and the assigned buyer team members. */
export async function roomMemberIds(tx: Tx, room: Pick<SprintRoom, 'id' | 'organisationId'>): Promise<string[]> {
	const assigned = await tx.select({ userId: sprintRoomMembers.userId }).from(sprintRoomMembers).where(eq(sprintRoomMembers.roomId, room.id));
	const supplier = room.organisationId ? await organisationUserIds(tx, room.organisationId) : [];
	return [...new Set([...supplier, ...assigned.map((a) => a.userId)])];
}

/**
 * Changes a room's settings (process leader): the decider (a member of the room: one of the
 * supplier's users or an assigned buyer team member), the assigned buyer team members, the lock
 * and whether its content is confidential to observers.
 */
export async function updateRoom(app: App, actor: UserActor, ctx: RoomContext, input: RoomSettingsInput): Promise<void> {
	const { room, sprint } = ctx;
	await journalled(app.db, async (tx, journal) => {
		const now = app.clock.now();
		if (input.members) {
			const allowed = await assignableUserIds(tx, sprint.initiativeId);
			const wanted = [...new Set(input.members)];
			if (wanted.some((id) => !allowed.has(id))) throw new ApiError(400, 'not_on_team', 'Bara processledare och teammedlemmar från den upphandlande organisationen kan tilldelas ett rum.');
			await tx.delete(sprintRoomMembers).where(eq(sprintRoomMembers.roomId, room.id));
			if (wanted.length) await tx.insert(sprintRoomMembers).values(wanted.map((userId) => ({ roomId: room.id, userId, addedBy: actor.userId, addedAt: now })));
		}
		if (input.deciderUserId) {
			const members = new Set(await roomMemberIds(tx, room));
			if (!members.has(input.deciderUserId)) throw new ApiError(400, 'not_in_room', 'Beslutsfattaren måste vara med i rummet.');
		}
		const set: Partial<typeof sprintRooms.$inferInsert> = {};
		if (input.deciderUserId !== undefined) set.deciderUserId = input.deciderUserId;
		if (input.locked !== undefined) set.lockedAt = input.locked ? (room.lockedAt ?? now) : null;
		if (input.confidential !== undefined) set.confidential = input.confidential;
		if (Object.keys(set).length) await tx.update(sprintRooms).set(set).where(eq(sprintRooms.id, room.id));
		await journal({
			initiativeId: sprint.initiativeId,
			actor: auditActor(actor),
			action: 'sprint.room_updated',
			data: {
				sprintId: sprint.id,
				roomId: room.id,
				letter: room.letter,
				...(input.members ? { members: input.members.length } : {}),
				...(input.deciderUserId !== undefined ? { deciderUserId: input.deciderUserId } : {}),
				...(input.locked !== undefined ? { locked: input.locked } : {}),
				...(input.confidential !== undefined ? { confidential: input.confidential } : {})
			}
		});
	});
	// Who may write in the room may have changed: connected clients re-check.
	app.events.emit('access-changed', { initiativeId: sprint.initiativeId, reason: 'sprint_room_updated' });
	if (input.locked !== undefined) {
		await publishRoomStage(app, room.id, {
			stage: sprint.stage,
			stageStartedAt: sprint.stageStartedAt?.toISOString() ?? null,
			timerEndsAt: sprint.timerEndsAt?.toISOString() ?? null,
			locked: input.locked
		});
		if (input.locked) await notifyRoomsLocked(app, { sprintId: sprint.id, initiativeId: sprint.initiativeId, roomIds: [room.id], actor });
	}
}

/** Locks or unlocks every room of the sprint at once (or one room). */
export async function setLocked(app: App, actor: UserActor, ctx: SprintContext, input: { locked: boolean; roomId?: string }): Promise<{ rooms: number }> {
	const { sprint } = ctx;
	const rooms = await journalled(app.db, async (tx, journal) => {
		const all = await tx.select().from(sprintRooms).where(eq(sprintRooms.sprintId, sprint.id));
		const targets = input.roomId ? all.filter((r) => r.id === input.roomId) : all;
		if (input.roomId && !targets.length) throw new ApiError(400, 'unknown_room', 'Rummet finns inte i sprinten.');
		const now = app.clock.now();
		for (const r of targets) await tx.update(sprintRooms).set({ lockedAt: input.locked ? (r.lockedAt ?? now) : null }).where(eq(sprintRooms.id, r.id));
		await journal({
			initiativeId: sprint.initiativeId,
			actor: auditActor(actor),
			action: input.locked ? 'sprint.rooms_locked' : 'sprint.rooms_unlocked',
			data: { sprintId: sprint.id, rooms: targets.length, ...(input.roomId ? { roomId: input.roomId } : {}) }
		});
		return targets;
	});
	app.events.emit('access-changed', { initiativeId: sprint.initiativeId, reason: input.locked ? 'sprint_locked' : 'sprint_unlocked' });
	for (const r of rooms) {
		await publishRoomStage(app, r.id, {
			stage: sprint.stage,
			stageStartedAt: sprint.stageStartedAt?.toISOString() ?? null,
			timerEndsAt: sprint.timerEndsAt?.toISOString() ?? null,
			locked: input.locked
		});
	}
	if (input.locked) await notifyRoomsLocked(app, { sprintId: sprint.id, initiativeId: sprint.initiativeId, roomIds: rooms.map((r) => r.id), actor });
	return { rooms: rooms.length };
}

/** A supplier accepts the terms of participation for its organisation; the room opens to its users. */
export async function acceptTerms(app: App, actor: UserActor, ctx: RoomContext): Promise<{ acceptedAt: string; termsSha256: string }> {
	if (!ctx.roomScope.own) throw new ApiError(403, 'forbidden', 'Bara leverantören som rummet tillhör godkänner villkoren.');
	return journalled(app.db, async (tx, journal) => {
		const [room] = await tx.select().from(sprintRooms).where(eq(sprintRooms.id, ctx.room.id)).for('update');
		if (room.termsAcceptedAt) throw new ApiError(409, 'terms_already_accepted', 'Villkoren är redan godkända för rummet.');
		const now = app.clock.now();
		await tx.update(sprintRooms).set({ termsAcceptedAt: now, termsAcceptedBy: actor.userId, termsSha256: TERMS_SHA256 }).where(eq(sprintRooms.id, room.id));
		await journal({
			initiativeId: ctx.sprint.initiativeId,
			actor: auditActor(actor),
			action: 'sprint.terms_accepted',
			data: { sprintId: ctx.sprint.id, roomId: room.id, organisationId: actor.organisationId, termsSha256: TERMS_SHA256 }
		});
		await notify(app, tx, {
			userIds: await buyerTeamUserIds(tx, ctx.sprint.initiativeId),
			kind: 'sprint.terms_accepted',
			data: { title: ctx.sprint.title, letter: room.letter },
			link: consoleLink(ctx.sprint.initiativeId, ctx.sprint.id)
		});
		return { acceptedAt: now.toISOString(), termsSha256: TERMS_SHA256 };
	});
}

/** The canonical content of an input, hashed: title, text and each file's SHA-256 in order. */
export function inputHash(input: { title: string; body: string; files: Array<{ id: string; sha256: string }> }): string {
	return createHash('sha256')
		.update(canonicalJson({ title: input.title, body: input.body, files: input.files.map((f) => ({ id: f.id, sha256: f.sha256 })) }))
		.digest('hex');
}

/**
 * Publishes a buyer input. Without `roomId`: every room of the sprint receives the same version
 * (one hash) at the same moment (one arrival time), in one transaction. With `roomId`: that room
 * only, with the written reason (the route refuses without one: `reason_required`). Files must be
 * the sprint's own input files. Every member of the receiving rooms is notified.
 */
export async function publishInput(app: App, actor: UserActor, ctx: SprintContext, input: InputInput): Promise<{ id: string; sha256: string; rooms: number; publishedAt: string }> {
	const { sprint } = ctx;
	if (input.roomId && !input.reason) throw new ApiError(400, 'reason_required', 'Ange ett skriftligt skäl när underlaget bara skickas till ett rum.');
	return journalled(app.db, async (tx, journal) => {
		const fileIds = [...new Set(input.fileIds ?? [])];
		const metas = await files.metas(tx, fileIds);
		if (metas.length !== fileIds.length || metas.some((f) => f.purpose !== INPUT_FILE_PURPOSE || f.ownerId !== sprint.id)) {
			throw new ApiError(400, 'unknown_file', 'En fil hör inte till sprinten. Ladda upp den som sprintunderlag först.');
		}
		const ordered = fileIds.map((id) => metas.find((m) => m.id === id)!);
		// Rooms are read under a lock on the sprint, so no room is added half-way through.
		await tx.select({ id: sprints.id }).from(sprints).where(eq(sprints.id, sprint.id)).for('update');
		const rooms = await tx.select().from(sprintRooms).where(eq(sprintRooms.sprintId, sprint.id)).orderBy(asc(sprintRooms.letter));
		const targets = input.roomId ? rooms.filter((r) => r.id === input.roomId) : rooms;
		if (input.roomId && !targets.length) throw new ApiError(400, 'unknown_room', 'Rummet finns inte i sprinten.');
		const body = input.body ?? '';
		const hash = inputHash({ title: input.title, body, files: ordered });
		const now = app.clock.now();
		const [row] = await tx
			.insert(sprintInputs)
			.values({
				sprintId: sprint.id,
				roomId: input.roomId ?? null,
				reason: input.roomId ? input.reason! : null,
				title: input.title,
				body,
				fileIds,
				sha256: hash,
				createdBy: actor.userId,
				publishedAt: now
			})
			.returning({ id: sprintInputs.id });
		if (targets.length) await tx.insert(sprintInputDeliveries).values(targets.map((r) => ({ inputId: row.id, roomId: r.id, sha256: hash, arrivedAt: now })));
		await journal({
			initiativeId: sprint.initiativeId,
			actor: auditActor(actor),
			action: input.roomId ? 'sprint.input_published_to_room' : 'sprint.input_published',
			data: {
				sprintId: sprint.id,
				inputId: row.id,
				title: input.title,
				sha256: hash,
				rooms: targets.length,
				files: fileIds.length,
				...(input.roomId ? { roomId: input.roomId, letter: targets[0].letter, reason: input.reason } : {})
			}
		});
		for (const r of targets) {
			await notify(app, tx, { userIds: await roomMemberIds(tx, r), kind: 'sprint.input_published', data: { title: sprint.title, input: input.title }, link: supplierRoomLink(r.id) });
		}
		return { id: row.id, sha256: hash, rooms: targets.length, publishedAt: now.toISOString() };
	});
}

/**
 * Starts a stage in every room at once, with an optional shared timer by the server's clock. The
 * rooms' overview documents then show the new stage (and listeners prepare their boards).
 */
export async function startStage(app: App, actor: UserActor, ctx: SprintContext, input: StageInput): Promise<{ stage: string; startedAt: string; timerEndsAt: string | null; rooms: number }> {
	const { sprint } = ctx;
	const now = app.clock.now();
	const timerEndsAt = input.timerSeconds ? new Date(now.getTime() + input.timerSeconds * 1000) : null;
	const rooms = await journalled(app.db, async (tx, journal) => {
		await tx.update(sprints).set({ stage: input.stage, stageStartedAt: now, timerEndsAt }).where(eq(sprints.id, sprint.id));
		const rows = await tx.select().from(sprintRooms).where(eq(sprintRooms.sprintId, sprint.id));
		await journal({
			initiativeId: sprint.initiativeId,
			actor: auditActor(actor),
			action: 'sprint.stage_started',
			data: { sprintId: sprint.id, stage: input.stage, from: sprint.stage, rooms: rows.length, ...(input.timerSeconds ? { timerSeconds: input.timerSeconds } : {}) }
		});
		return rows;
	});
	const events: StageStarted[] = [];
	for (const r of rooms) {
		const state = { stage: input.stage, stageStartedAt: now.toISOString(), timerEndsAt: timerEndsAt?.toISOString() ?? null, locked: r.lockedAt !== null };
		await publishRoomStage(app, r.id, state);
		events.push({ sprintId: sprint.id, initiativeId: sprint.initiativeId, roomId: r.id, stage: input.stage, from: sprint.stage, state, actor });
	}
	await notifyStageStarted(app, events);
	return { stage: input.stage, startedAt: now.toISOString(), timerEndsAt: timerEndsAt?.toISOString() ?? null, rooms: rooms.length };
}

/** A question asked in a room (a room member). The buyer team is told; only it learns which room asked. */
export async function askQuestion(app: App, actor: UserActor, ctx: RoomContext, text: string): Promise<{ id: string; askedAt: string }> {
	return journalled(app.db, async (tx, journal) => {
		const now = app.clock.now();
		const [row] = await tx
			.insert(sprintQuestions)
			.values({ sprintId: ctx.sprint.id, roomId: ctx.room.id, askedBy: actor.userId, text, askedAt: now })
			.returning({ id: sprintQuestions.id });
		await journal({
			initiativeId: ctx.sprint.initiativeId,
			actor: auditActor(actor),
			action: 'sprint.question_asked',
			data: { sprintId: ctx.sprint.id, roomId: ctx.room.id, letter: ctx.room.letter, questionId: row.id }
		});
		await notify(app, tx, {
			userIds: await buyerTeamUserIds(tx, ctx.sprint.initiativeId),
			kind: 'sprint.question_asked',
			data: { title: ctx.sprint.title, letter: ctx.room.letter },
			link: consoleLink(ctx.sprint.initiativeId, ctx.sprint.id)
		});
		return { id: row.id, askedAt: now.toISOString() };
	});
}

/**
 * Answers a question (process leader). By default the question and the answer are published to
 * every room at once without the asker, like an RFI clarification (the leader may reword the
 * question so it does not identify the asker). With `specificReason` — why the answer concerns
 * only the asking supplier's own solution — it goes to the asking room only; the parity report
 * shows it.
 */
export async function answerQuestion(
	app: App,
	actor: UserActor,
	ctx: SprintContext,
	questionId: string,
	input: { answer: string; question?: string; specificReason?: string }
): Promise<{ id: string; answeredAt: string; rooms: number }> {
	const { sprint } = ctx;
	if (!isUuid(questionId)) throw notFound();
	return journalled(app.db, async (tx, journal) => {
		const [q] = await tx
			.select()
			.from(sprintQuestions)
			.where(and(eq(sprintQuestions.id, questionId), eq(sprintQuestions.sprintId, sprint.id)))
			.for('update');
		if (!q) throw notFound();
		if (q.answeredAt) throw new ApiError(409, 'already_answered', 'Frågan är redan besvarad.');
		const now = app.clock.now();
		await tx
			.update(sprintQuestions)
			.set({ answer: input.answer, answeredBy: actor.userId, answeredAt: now, specificReason: input.specificReason ?? null, ...(input.question ? { text: input.question } : {}) })
			.where(eq(sprintQuestions.id, q.id));
		const rooms = input.specificReason
			? await tx.select().from(sprintRooms).where(eq(sprintRooms.id, q.roomId))
			: await tx.select().from(sprintRooms).where(eq(sprintRooms.sprintId, sprint.id));
		await journal({
			initiativeId: sprint.initiativeId,
			actor: auditActor(actor),
			action: input.specificReason ? 'sprint.question_answered_to_room' : 'sprint.question_answered',
			data: {
				sprintId: sprint.id,
				questionId: q.id,
				rooms: rooms.length,
				reworded: !!input.question && input.question !== q.text,
				...(input.specificReason ? { roomId: q.roomId, reason: input.specificReason } : {})
			}
		});
		for (const r of rooms) {
			await notify(app, tx, { userIds: await roomMemberIds(tx, r), kind: 'sprint.question_answered', data: { title: sprint.title }, link: supplierRoomLink(r.id) });
		}
		return { id: q.id, answeredAt: now.toISOString(), rooms: rooms.length };
	});
}

/** Logs a meeting of the buyer team in a room (start and end), for the parity report. */
export async function logMeeting(app: App, actor: UserActor, ctx: RoomContext, input: MeetingInput): Promise<{ id: string }> {
	if (actor.organisationKind !== 'buyer') throw new ApiError(403, 'forbidden', 'Möten loggas av den upphandlande organisationens team.');
	return journalled(app.db, async (tx, journal) => {
		const present = [...new Set(input.userIds ?? [actor.userId])];
		const allowed = await assignableUserIds(tx, ctx.sprint.initiativeId);
		if (present.some((id) => !allowed.has(id))) throw new ApiError(400, 'not_on_team', 'Deltagarna ska vara med i den upphandlande organisationens team.');
		const [row] = await tx
			.insert(sprintMeetings)
			.values({ roomId: ctx.room.id, startedAt: input.startedAt, endedAt: input.endedAt, topic: input.topic ?? '', userIds: present, loggedBy: actor.userId, loggedAt: app.clock.now() })
			.returning({ id: sprintMeetings.id });
		const minutes = Math.round((input.endedAt.getTime() - input.startedAt.getTime()) / 60_000);
		await journal({
			initiativeId: ctx.sprint.initiativeId,
			actor: auditActor(actor),
			action: 'sprint.meeting_logged',
			data: { sprintId: ctx.sprint.id, roomId: ctx.room.id, letter: ctx.room.letter, meetingId: row.id, startedAt: input.startedAt.toISOString(), endedAt: input.endedAt.toISOString(), minutes, people: present.length }
		});
		return { id: row.id };
	});
}

/**
 * Adds a decision or a finding to the room's sprint log. A finding links back to needs of the
 * initiative and may open a requirement change proposal (`proposal`): the proposal is a row of the
 * requirements module (`requirements/proposals.ts`), created in the same transaction as the finding,
 * so there is one path for every proposal.
 */
export async function addLogEntry(app: App, actor: UserActor, ctx: RoomContext, input: LogEntryInput): Promise<{ id: string; proposalId?: string }> {
	const requirement = input.proposal?.requirementUid ? await findingRequirement(app, actor, ctx, input.proposal.requirementUid) : null;
	return journalled(app.db, async (tx, journal) => {
		await checkNeeds(tx, ctx.sprint.initiativeId, input.needIds ?? []);
		const [row] = await tx
			.insert(sprintLogEntries)
			.values({
				roomId: ctx.room.id,
				stage: input.stage,
				kind: input.kind,
				text: input.text,
				needIds: [...new Set(input.needIds ?? [])],
				createdBy: actor.userId,
				createdAt: app.clock.now()
			})
			.returning({ id: sprintLogEntries.id });
		await journal({
			initiativeId: ctx.sprint.initiativeId,
			actor: auditActor(actor),
			action: 'sprint.log_entry_added',
			data: { sprintId: ctx.sprint.id, roomId: ctx.room.id, entryId: row.id, stage: input.stage, kind: input.kind, needs: (input.needIds ?? []).length, proposal: !!input.proposal }
		});
		if (!input.proposal) return { id: row.id };
		const proposal = await openProposal(app, tx, journal, actor, ctx, row.id, { text: input.proposal.text, requirement });
		return { id: row.id, proposalId: proposal.id };
	});
}

/** The requirement a finding's proposal refers to, among those the room's member may read. */
function findingRequirement(app: App, actor: UserActor, ctx: RoomContext, ref: string) {
	return proposals.resolveRequirement(app, actor, ctx.initiative, ref, ctx.sprint.requirementsVersion);
}

function openProposal(app: App, tx: Tx, journal: Journal, actor: UserActor, ctx: RoomContext, findingId: string, input: { text: string; requirement: { uid: string; key: string } | null }) {
	return proposals.createProposal(app, tx, journal, actor, {
		initiativeId: ctx.sprint.initiativeId,
		text: input.text,
		requirement: input.requirement,
		source: { kind: 'sprint_finding', findingId, roomId: ctx.room.id, sprintId: ctx.sprint.id }
	});
}

/** The room of a sprint log entry, or null (also for a malformed id), for routes that start from a finding. */
export async function findingRoomId(db: Tx, findingId: string): Promise<string | null> {
	if (!isUuid(findingId)) return null;
	const [row] = await db.select({ roomId: sprintLogEntries.roomId }).from(sprintLogEntries).where(eq(sprintLogEntries.id, findingId.toLowerCase())).limit(1);
	return row?.roomId ?? null;
}

/**
 * Opens a requirement change proposal from a finding already in the room's log: only a finding
 * (400 `not_a_finding`), once (409 `finding_has_proposal`; the entry is locked so two callers never
 * both open one).
 */
export async function proposeFromFinding(app: App, actor: UserActor, ctx: RoomContext, findingId: string, input: { text: string; requirementUid?: string }): Promise<{ id: string }> {
	const requirement = input.requirementUid ? await findingRequirement(app, actor, ctx, input.requirementUid) : null;
	return journalled(app.db, async (tx, journal) => {
		const [entry] = await tx
			.select({ id: sprintLogEntries.id, kind: sprintLogEntries.kind })
			.from(sprintLogEntries)
			.where(and(eq(sprintLogEntries.id, findingId), eq(sprintLogEntries.roomId, ctx.room.id)))
			.for('update');
		if (!entry) throw notFound();
		if (entry.kind !== 'finding') throw new ApiError(400, 'not_a_finding', 'Ett förslag till kravändring utgår från en lärdom, inte från ett beslut.');
		if ((await proposals.proposalsOfFindings(tx, [entry.id])).size) throw new ApiError(409, 'finding_has_proposal', 'Lärdomen har redan ett förslag till kravändring.');
		return openProposal(app, tx, journal, actor, ctx, entry.id, { text: input.text, requirement });
	});
}

/** Users of the initiative's buyer team, for the console's pickers (decider, room members, meetings). */
export async function buyerTeam(tx: Tx, initiativeId: string): Promise<Array<{ id: string; name: string }>> {
	const ids = await buyerTeamUserIds(tx, initiativeId);
	if (!ids.length) return [];
	return tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)).orderBy(asc(users.name));
}
