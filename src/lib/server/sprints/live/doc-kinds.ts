/**
 * The live-document kinds of a sprint room's stage boards, one per stage, `sprint_<stage>.<roomId>`
 * (names from `sprints/stages.ts`; the overview `sprint_room.<roomId>` is the core's). Each resolves its policy target through the
 * room (`roomDocTarget`), so a room's documents open to its own supplier (after the terms were
 * accepted), the buyer team and — when the room is not confidential — observers; never to another
 * supplier, who gets the same refusal as for a document that does not exist. Before the terms are
 * accepted the room's own supplier is refused with 409 `terms_not_accepted` (`roomDocRefusal`).
 *
 * What must not carry a person goes through the server (`serverOnlyRoots`): the art museum's
 * sketches, dots, poll, critiques and supervote, the test sessions and their notes. On the Decide
 * board presence shows everyone as the neutral "Deltagare", so who is looking at which sketch
 * links nobody to it either.
 */
import type { LiveDocKind } from '../../collab/kinds.ts';
import type { Actor } from '../../access/policy.ts';
import { roomDocRefusal, roomDocTarget } from '../access.ts';
import { SPRINT_STAGES, stageDocKind, type SprintStage } from '../stages.ts';

/** The neutral presence label on the Decide board (Swedish: presence is shown to everyone). */
export const NEUTRAL_PRESENCE_NAME = 'Deltagare';

/** Roots of each stage board that only the server writes. */
export const SERVER_ONLY_BY_STAGE: Record<SprintStage, readonly string[]> = {
	map: [],
	sketch: [],
	decide: ['museum', 'heat', 'poll', 'critiques', 'supervote'],
	prototype: [],
	test: ['tests', 'interviewees', 'notes']
};

const target: LiveDocKind['target'] = (db, actor, id) => roomDocTarget(db, actor, id);

export function stageBoardKind(stage: SprintStage): LiveDocKind {
	const serverOnly = SERVER_ONLY_BY_STAGE[stage];
	return {
		name: stageDocKind(stage),
		target,
		refusal: roomDocRefusal,
		...(serverOnly.length ? { serverOnlyRoots: serverOnly } : {}),
		...(stage === 'decide' ? { presenceName: (_actor: Actor) => NEUTRAL_PRESENCE_NAME } : {})
	};
}

/** The five stage boards' kinds, in stage order. */
export const stageBoardKinds: LiveDocKind[] = SPRINT_STAGES.map(stageBoardKind);
