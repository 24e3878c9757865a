/** Display names of the sprint stages and note tags, from the message catalogue. */
import { m } from '#lib/paraglide/messages.js';
import type { NoteTag, SprintStage, Verdict } from '#lib/shapes/sprint-board.ts';

export function stageLabel(stage: SprintStage): string {
	switch (stage) {
		case 'map':
			return m.sprints_live_stage_map();
		case 'sketch':
			return m.sprints_live_stage_sketch();
		case 'decide':
			return m.sprints_live_stage_decide();
		case 'prototype':
			return m.sprints_live_stage_prototype();
		case 'test':
			return m.sprints_live_stage_test();
	}
}

export function tagLabel(tag: NoteTag): string {
	return tag === 'positive' ? m.sprints_live_tag_positive() : tag === 'negative' ? m.sprints_live_tag_negative() : m.sprints_live_tag_neutral();
}

export function verdictLabel(v: Verdict): string {
	return v === 'yes' ? m.sprints_live_verdict_yes() : v === 'no' ? m.sprints_live_verdict_no() : m.sprints_live_verdict_unclear();
}
