/**
 * The sprint's stage model and the names of a room's live documents, in one place for both
 * halves of the sprint capability (this core and the live stage boards).
 *
 * Live documents follow the code base's `<kind>.<uuid>` scheme (`access/docs.ts`): a room has one
 * document per stage, `sprint_<stage>.<roomId>` (`sprint_map.…`, `sprint_sketch.…`, …), and its
 * overview document `sprint_room.<roomId>` is the room's `docName` in the API. The kinds are
 * registered by the live boards (`live-kinds.ts`); each resolves its policy target through
 * `roomDocTarget` in `access.ts` and names a room whose terms are not accepted with `roomDocRefusal`.
 */
import { SPRINT_STAGES, type SprintStage } from '../db/schema/sprints.ts';

export { SPRINT_STAGES, type SprintStage };

/** The live-document kind of a room's overview document. */
export const ROOM_DOC_KIND = 'sprint_room';

/** The live-document kind of one stage board. */
export type StageDocKind = `sprint_${SprintStage}`;

export function isStage(value: unknown): value is SprintStage {
	return typeof value === 'string' && (SPRINT_STAGES as readonly string[]).includes(value);
}

/** The room's `docName` as the API reports it: `sprint_room.<roomId>`. */
export function roomDocName(roomId: string): string {
	return `${ROOM_DOC_KIND}.${roomId}`;
}

/** The kind of a stage's board document. */
export function stageDocKind(stage: SprintStage): StageDocKind {
	return `sprint_${stage}`;
}

/** The board document of one stage in one room: `sprint_<stage>.<roomId>`. */
export function stageDocName(roomId: string, stage: SprintStage): string {
	return `${stageDocKind(stage)}.${roomId}`;
}

/** Every live-document kind a room uses, for registration and for tests. */
export const ROOM_DOC_KINDS: readonly string[] = [ROOM_DOC_KIND, ...SPRINT_STAGES.map(stageDocKind)];

/** The stage a `sprint_<stage>` / `sprint_room` kind name stands for (null for the overview or anything else). */
export function stageOfDocKind(kind: string): SprintStage | null {
	const stage = kind.startsWith('sprint_') ? kind.slice('sprint_'.length) : '';
	return isStage(stage) ? stage : null;
}

/** The stage after this one (null after `test`). */
export function nextStage(stage: SprintStage | null): SprintStage | null {
	if (stage === null) return SPRINT_STAGES[0];
	const i = SPRINT_STAGES.indexOf(stage);
	return i >= 0 && i < SPRINT_STAGES.length - 1 ? SPRINT_STAGES[i + 1] : null;
}
