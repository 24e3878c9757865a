/** Names of the sprint stages in the reader's language, and the stage order, for sprint pages. */
import { m } from '#lib/paraglide/messages.js';

export const STAGES = ['map', 'sketch', 'decide', 'prototype', 'test'] as const;
export type Stage = (typeof STAGES)[number];

export function stageName(stage: string): string {
	switch (stage) {
		case 'map':
			return m.sprints_stage_map();
		case 'sketch':
			return m.sprints_stage_sketch();
		case 'decide':
			return m.sprints_stage_decide();
		case 'prototype':
			return m.sprints_stage_prototype();
		case 'test':
			return m.sprints_stage_test();
		default:
			return m.sprints_stage_none();
	}
}
