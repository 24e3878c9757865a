/**
 * The parity report (rule 2, made provable): per room, every input with its content hash and the
 * time it arrived, the buyer team's meetings with start and end, the questions asked and where
 * each answer was published. `differences` lists every input that did not reach every room as the
 * same version at the same moment, with the reason: an input sent to one room (the leader's
 * written reason), a room that joined after an input was published, a hash that differs.
 * Answers given to one room only are listed with their reasons in `answersToOneRoom`.
 *
 * For the buyer team and observers only (policy resource `sprint_parity`). Exported as Word and
 * included in the initiative's case file.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { organisations, sprintInputDeliveries, sprintInputs, sprintMeetings, sprintQuestions, sprintRooms, sprints } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { Block, ExportDocument } from '../exports/document.ts';
import { para, slug, swedishDateTime } from '../exports/document.ts';

export interface ParityInput {
	inputId: string;
	title: string;
	sha256: string;
	arrivedAt: string;
	thisRoomOnly: boolean;
}

export interface ParityRoom {
	id: string;
	letter: string;
	organisation: { id: string; name: string } | null;
	termsAcceptedAt: string | null;
	inputs: ParityInput[];
	meetings: Array<{ id: string; startedAt: string; endedAt: string; minutes: number; topic: string }>;
	meetingMinutes: number;
	questions: Array<{ id: string; askedAt: string; answeredAt: string | null; answeredTo: 'all_rooms' | 'this_room' | 'unanswered'; reason: string | null }>;
}

export interface ParityDifference {
	inputId: string;
	roomIds: string[];
	reason: string;
	kind: 'one_room' | 'arrived_later' | 'different_version';
}

export interface ParityReport {
	sprint: { id: string; title: string; initiativeId: string };
	generatedAt: string;
	rooms: ParityRoom[];
	differences: ParityDifference[];
	answersToOneRoom: Array<{ questionId: string; roomId: string; reason: string }>;
}

const minutesBetween = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60_000);

/** Builds the report from the records (never from what a client says). */
export async function parityReport(db: Db, sprintId: string, now: Date): Promise<ParityReport | null> {
	const [sprint] = await db.select().from(sprints).where(eq(sprints.id, sprintId)).limit(1);
	if (!sprint) return null;
	const rooms = await db.select().from(sprintRooms).where(eq(sprintRooms.sprintId, sprintId)).orderBy(asc(sprintRooms.letter));
	const roomIds = rooms.map((r) => r.id);
	const inputs = await db.select().from(sprintInputs).where(eq(sprintInputs.sprintId, sprintId)).orderBy(asc(sprintInputs.publishedAt));
	const deliveries = roomIds.length ? await db.select().from(sprintInputDeliveries).where(inArray(sprintInputDeliveries.roomId, roomIds)) : [];
	const meetings = roomIds.length ? await db.select().from(sprintMeetings).where(inArray(sprintMeetings.roomId, roomIds)).orderBy(asc(sprintMeetings.startedAt)) : [];
	const questions = await db.select().from(sprintQuestions).where(eq(sprintQuestions.sprintId, sprintId)).orderBy(asc(sprintQuestions.askedAt));
	const orgIds = rooms.map((r) => r.organisationId).filter((id): id is string => !!id);
	const orgs = orgIds.length ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds)) : [];
	const orgName = new Map(orgs.map((o) => [o.id, o.name]));
	const inputById = new Map(inputs.map((i) => [i.id, i]));

	const reportRooms: ParityRoom[] = rooms.map((r) => {
		const mine = deliveries.filter((d) => d.roomId === r.id).sort((a, b) => a.arrivedAt.getTime() - b.arrivedAt.getTime());
		const ms = meetings.filter((m) => m.roomId === r.id);
		return {
			id: r.id,
			letter: r.letter,
			organisation: r.organisationId ? { id: r.organisationId, name: orgName.get(r.organisationId) ?? '' } : null,
			termsAcceptedAt: r.termsAcceptedAt?.toISOString() ?? null,
			inputs: mine.map((d) => {
				const input = inputById.get(d.inputId)!;
				return { inputId: d.inputId, title: input.title, sha256: d.sha256, arrivedAt: d.arrivedAt.toISOString(), thisRoomOnly: input.roomId !== null };
			}),
			meetings: ms.map((m) => ({ id: m.id, startedAt: m.startedAt.toISOString(), endedAt: m.endedAt.toISOString(), minutes: minutesBetween(m.startedAt, m.endedAt), topic: m.topic })),
			meetingMinutes: ms.reduce((t, m) => t + minutesBetween(m.startedAt, m.endedAt), 0),
			questions: questions
				.filter((q) => q.roomId === r.id)
				.map((q) => ({
					id: q.id,
					askedAt: q.askedAt.toISOString(),
					answeredAt: q.answeredAt?.toISOString() ?? null,
					answeredTo: q.answeredAt === null ? 'unanswered' : q.specificReason ? 'this_room' : 'all_rooms',
					reason: q.specificReason
				}))
		};
	});

	const differences: ParityDifference[] = [];
	for (const input of inputs) {
		const got = deliveries.filter((d) => d.inputId === input.id);
		if (input.roomId) {
			differences.push({ inputId: input.id, roomIds: [input.roomId], reason: input.reason ?? '', kind: 'one_room' });
			continue;
		}
		const late = got.filter((d) => d.arrivedAt.getTime() !== input.publishedAt.getTime());
		if (late.length) {
			differences.push({
				inputId: input.id,
				roomIds: late.map((d) => d.roomId),
				reason: `Rummet tillkom efter att underlaget publicerades (${swedishDateTime(input.publishedAt)}) och fick det när rummet skapades.`,
				kind: 'arrived_later'
			});
		}
		const other = got.filter((d) => d.sha256 !== input.sha256);
		if (other.length) {
			differences.push({ inputId: input.id, roomIds: other.map((d) => d.roomId), reason: 'Rummet fick en annan version (annan SHA-256) än den publicerade.', kind: 'different_version' });
		}
	}
	return {
		sprint: { id: sprint.id, title: sprint.title, initiativeId: sprint.initiativeId },
		generatedAt: now.toISOString(),
		rooms: reportRooms,
		differences,
		answersToOneRoom: questions.filter((q) => q.answeredAt && q.specificReason).map((q) => ({ questionId: q.id, roomId: q.roomId, reason: q.specificReason! }))
	};
}

const ANSWERED_TO = { all_rooms: 'Till alla rum', this_room: 'Bara till rummet', unanswered: 'Inte besvarad' } as const;

/** The report as a committee document (Word and print). */
export function parityDocument(report: ParityReport, initiativeTitle: string): ExportDocument {
	const letterOf = new Map(report.rooms.map((r) => [r.id, r.letter]));
	const roomName = (id: string) => {
		const r = report.rooms.find((x) => x.id === id);
		return r ? `Rum ${r.letter}${r.organisation ? ` (${r.organisation.name})` : ''}` : id;
	};
	const titleOf = new Map(report.rooms.flatMap((r) => r.inputs.map((i) => [i.inputId, i.title] as const)));
	const blocks: Block[] = [
		para('Rapporten visar för varje rum vilket underlag som kom fram, med innehållets SHA-256 och tidpunkt, teamets möten i rummet och var svaren på rummets frågor publicerades. Varje skillnad mellan rummen redovisas med skäl (DOMAIN regel 2 och 6).'),
		{ kind: 'heading', level: 1, text: 'Skillnader mellan rummen' }
	];
	if (!report.differences.length && !report.answersToOneRoom.length) blocks.push(para('Inga skillnader: alla rum har fått samma underlag vid samma tidpunkt.', { italic: true }));
	if (report.differences.length) {
		blocks.push({
			kind: 'table',
			caption: 'Underlag som inte nådde alla rum som samma version vid samma tidpunkt',
			headers: ['Underlag', 'Rum', 'Skäl'],
			rows: report.differences.map((d) => [titleOf.get(d.inputId) ?? d.inputId, d.roomIds.map((id) => `Rum ${letterOf.get(id) ?? '?'}`).join(', '), d.reason])
		});
	}
	if (report.answersToOneRoom.length) {
		blocks.push({
			kind: 'table',
			caption: 'Svar som bara publicerades till det frågande rummet',
			headers: ['Rum', 'Skäl'],
			rows: report.answersToOneRoom.map((a) => [`Rum ${letterOf.get(a.roomId) ?? '?'}`, a.reason])
		});
	}
	for (const r of report.rooms) {
		blocks.push({ kind: 'heading', level: 1, text: roomName(r.id) });
		blocks.push({ kind: 'field', label: 'Villkoren godkända', value: r.termsAcceptedAt ? swedishDateTime(r.termsAcceptedAt) : 'Inte ännu' });
		blocks.push(
			r.inputs.length
				? { kind: 'table', caption: 'Underlag', headers: ['Underlag', 'SHA-256', 'Kom fram'], rows: r.inputs.map((i) => [i.title + (i.thisRoomOnly ? ' (bara detta rum)' : ''), i.sha256, swedishDateTime(i.arrivedAt)]) }
				: para('Inget underlag.', { italic: true })
		);
		blocks.push({ kind: 'field', label: 'Teamets tid i rummet', value: `${r.meetingMinutes} minuter i ${r.meetings.length} möten` });
		if (r.meetings.length) {
			blocks.push({ kind: 'table', caption: 'Möten', headers: ['Start', 'Slut', 'Minuter', 'Ämne'], rows: r.meetings.map((m) => [swedishDateTime(m.startedAt), swedishDateTime(m.endedAt), String(m.minutes), m.topic]) });
		}
		if (r.questions.length) {
			blocks.push({
				kind: 'table',
				caption: 'Frågor',
				headers: ['Ställd', 'Besvarad', 'Publicerad', 'Skäl'],
				rows: r.questions.map((q) => [swedishDateTime(q.askedAt), q.answeredAt ? swedishDateTime(q.answeredAt) : '–', ANSWERED_TO[q.answeredTo], q.reason ?? ''])
			});
		}
	}
	return {
		kind: 'Paritetsrapport',
		initiativeTitle,
		meta: [`Sprint: ${report.sprint.title}`, `Uttagen ${swedishDateTime(report.generatedAt)}`, `${report.rooms.length} rum, ${report.differences.length} skillnader i underlag`],
		blocks,
		fileBase: `paritetsrapport-${slug(report.sprint.title)}`
	};
}
