/**
 * The sprints' contributions to the shared registries: a section of the final report (key
 * `sprints`, order 35, between the RFI rounds and the tenders) and a method-template part (key
 * `sprint`). Imported by `index.ts`.
 *
 * The report names rooms by letter, never by supplier (an observer reads the report too), and
 * lists a room's decisions and findings only where the viewer may read that room's content (the
 * policy's `sprint_room`: observers not in confidential rooms).
 *
 * The template part copies the method only — title, schedule, long-term goal and sprint
 * questions — never rooms, suppliers, inputs, questions asked, needs or requirements links.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { sprintLogEntries, sprintRooms, sprints } from '../db/schema/index.ts';
import { can } from '../access/policy.ts';
import * as audit from '../audit/index.ts';
import { auditActor } from '../initiatives/commands.ts';
import { readable, registerReportSection, type ReportBlock } from '../reports/sections.ts';
import { registerTemplatePart } from '../templates/parts.ts';
import { STAGE_SV } from './log.ts';
import type { SprintScheduleDay } from '../db/schema/sprints.ts';

registerReportSection({
	key: 'sprints',
	order: 35,
	async build(db, initiativeId, viewer) {
		const scope = await readable(db, viewer, initiativeId, 'sprints');
		if (!scope) return null;
		const rows = await db.select().from(sprints).where(eq(sprints.initiativeId, initiativeId)).orderBy(asc(sprints.createdAt));
		const blocks: ReportBlock[] = [];
		if (!rows.length) blocks.push({ kind: 'paragraph', text: 'Inga innovationssprintar har genomförts i initiativet.' });
		const rooms = rows.length ? await db.select().from(sprintRooms).where(inArray(sprintRooms.sprintId, rows.map((s) => s.id))).orderBy(asc(sprintRooms.letter)) : [];
		const entries = rooms.length ? await db.select().from(sprintLogEntries).where(inArray(sprintLogEntries.roomId, rooms.map((r) => r.id))).orderBy(asc(sprintLogEntries.createdAt)) : [];
		for (const sprint of rows) {
			const own = rooms.filter((r) => r.sprintId === sprint.id);
			blocks.push({ kind: 'heading', text: sprint.title });
			blocks.push({
				kind: 'paragraph',
				text: `Långsiktigt mål: ${sprint.goal}. ${own.length} leverantörsrum; ${sprint.stage ? `senaste steg: ${STAGE_SV[sprint.stage]}` : 'inget steg har startats'}.`
			});
			if (sprint.questions.length) blocks.push({ kind: 'table', columns: ['Sprintfråga'], rows: sprint.questions.map((q) => [q]) });
			const readableRooms = own.filter((r) =>
				can(viewer, 'read', {
					resource: 'sprint_room',
					initiative: scope,
					sprint: { sprintId: sprint.id, ownRoomId: null },
					room: { roomId: r.id, own: false, assigned: false, decider: false, locked: !!r.lockedAt, confidential: r.confidential }
				})
			);
			const logRows = readableRooms.flatMap((r) =>
				entries.filter((e) => e.roomId === r.id).map((e) => [`Rum ${r.letter}`, STAGE_SV[e.stage], e.kind === 'decision' ? 'Beslut' : 'Lärdom/fynd', e.text])
			);
			if (logRows.length) blocks.push({ kind: 'table', columns: ['Rum', 'Steg', 'Slag', 'Text'], rows: logRows });
		}
		return { title: 'Innovationssprintar', blocks };
	}
});

interface SprintTemplatePart {
	version: 1;
	sprints: Array<{ title: string; template: string; schedule: SprintScheduleDay[]; goal: string; questions: string[] }>;
}

registerTemplatePart({
	key: 'sprint',
	async capture(db, initiativeId) {
		const rows = await db.select().from(sprints).where(eq(sprints.initiativeId, initiativeId)).orderBy(asc(sprints.createdAt));
		if (!rows.length) return null;
		const part: SprintTemplatePart = {
			version: 1,
			sprints: rows.map((s) => ({ title: s.title, template: s.template, schedule: s.schedule, goal: s.goal, questions: [...s.questions] }))
		};
		return part;
	},
	async apply(tx, newInitiativeId, data, actor) {
		const part = data as SprintTemplatePart | null;
		if (!part || part.version !== 1) return;
		for (const s of part.sprints) {
			const [row] = await tx
				.insert(sprints)
				.values({ initiativeId: newInitiativeId, title: s.title, template: s.template, schedule: s.schedule, goal: s.goal, questions: s.questions, createdBy: actor.userId })
				.returning({ id: sprints.id });
			await audit.record(tx, {
				initiativeId: newInitiativeId,
				actor: auditActor(actor),
				action: 'sprint.created_from_template',
				data: { sprintId: row.id, title: s.title, questions: s.questions.length }
			});
		}
	}
});
