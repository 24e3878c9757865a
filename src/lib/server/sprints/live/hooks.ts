/**
 * How the stage boards plug into the sprint core: they prepare a board when its stage starts (the
 * Map board gets the long-term goal once and the room its "How might we" workshop; the Prototype board an interview script drafted from the
 * sprint questions, unless the team already wrote one), close a room's end-user test sessions when
 * the sprint leaves Test or the room is locked, and they contribute each stage's content to the
 * room's sprint log. Imported once from `capabilities.ts`.
 */
import { eq } from 'drizzle-orm';
import { sprints } from '../../db/schema/index.ts';
import { onRoomsLocked, onStageStarted } from '../stage.ts';
import { registerSprintLogSection } from '../log-sections.ts';
import { SPRINT_STAGES, stageDocName } from '../stages.ts';
import { draftInterviewScript, roots } from '../../../shapes/sprint-board.ts';
import { closeTestSessions, stageLog } from './index.ts';
import { ensureHmwWorkshop } from './hmw.ts';
import './files.ts';

onStageStarted('live.prepare-board', async (app, event) => {
	if (!app.liveDocs) return;
	const [sprint] = await app.db.select({ goal: sprints.goal, questions: sprints.questions }).from(sprints).where(eq(sprints.id, event.sprintId)).limit(1);
	if (!sprint) return;
	if (event.stage === 'map') {
		await app.liveDocs.change(stageDocName(event.roomId, 'map'), null, (doc) => {
			const m = roots.map(doc);
			if (typeof m.get('goal') !== 'string') m.set('goal', sprint.goal);
		});
	}
	if (event.stage === 'prototype') {
		await app.liveDocs.change(stageDocName(event.roomId, 'prototype'), null, (doc) => {
			const p = roots.prototype(doc);
			const current = p.get('script');
			if (typeof current === 'string' && current.trim()) return;
			p.set('script', draftInterviewScript(sprint.questions, true));
		});
	}
});

// The room's "How might we" notes run on the workshop engine: Map opens the room's workshop.
onStageStarted('live.hmw', async (app, event) => {
	if (event.stage !== 'map') return;
	const [sprint] = await app.db.select({ goal: sprints.goal }).from(sprints).where(eq(sprints.id, event.sprintId)).limit(1);
	if (sprint) await ensureHmwWorkshop(app, { id: event.roomId, sprintId: event.sprintId, initiativeId: event.initiativeId, goal: sprint.goal }, event.actor);
});

// End-user test sessions end with the Test stage and with the room's lock: their guests leave.
onStageStarted('live.close-test-sessions', async (app, event) => {
	if (event.from === 'test' && event.stage !== 'test') await closeTestSessions(app, event.actor, [event.roomId]);
});
onRoomsLocked('live.close-test-sessions', async (app, event) => {
	await closeTestSessions(app, event.actor, event.roomIds);
});

for (const stage of SPRINT_STAGES) {
	registerSprintLogSection({
		name: `live.${stage}`,
		stage,
		async build(app, room) {
			const [sprint] = await app.db.select({ questions: sprints.questions }).from(sprints).where(eq(sprints.id, room.sprintId)).limit(1);
			const sections = await stageLog(app, room.roomId, sprint?.questions ?? [], [stage]);
			const lines = sections.flatMap((s) => s.lines);
			if (!lines.length) return [];
			return [
				{ kind: 'heading' as const, level: 3 as const, text: 'Från tavlan' },
				{ kind: 'list' as const, ordered: false, items: lines.map((text) => ({ runs: [{ text }], level: 0 })) }
			];
		}
	});
}
