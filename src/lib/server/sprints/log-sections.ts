/**
 * The hook through which the live stage boards contribute to a room's sprint log. The core builds
 * the log (`log.ts`: the challenge, the stages as run, the decisions and findings recorded through
 * the API) and asks every registered section for its blocks, stage by stage; the boards add what
 * happened on them (the map's target, the chosen sketch, the storyboard, the test verdicts).
 *
 * A section only ever receives the one room being exported and must return that room's content
 * only: the log goes to the room's own supplier.
 */
import type { App } from '../app.ts';
import type { Actor } from '../access/policy.ts';
import type { Block } from '../exports/document.ts';
import { registry } from '../registry.ts';
import type { SprintStage } from './stages.ts';

export interface SprintLogRoom {
	roomId: string;
	sprintId: string;
	initiativeId: string;
}

export interface SprintLogSection {
	/** A unique name (e.g. `live.map`), so registering twice replaces rather than duplicates. */
	name: string;
	/** The stage the blocks belong under. */
	stage: SprintStage;
	/** The blocks for this room (headings at level 3 or below), or none. */
	build(app: App, room: SprintLogRoom, viewer: Actor): Promise<Block[]>;
}

const sections = registry<SprintLogSection>('sprints.log-sections');

/** Registers (or replaces) a contributed section of the sprint log. */
export function registerSprintLogSection(section: SprintLogSection): void {
	sections.set(section.name, section);
}

/** The contributed blocks of one stage for one room, in registration order. */
export async function contributedBlocks(app: App, room: SprintLogRoom, viewer: Actor, stage: SprintStage): Promise<Block[]> {
	const out: Block[] = [];
	for (const section of sections.values()) {
		if (section.stage !== stage) continue;
		out.push(...(await section.build(app, room, viewer)));
	}
	return out;
}
