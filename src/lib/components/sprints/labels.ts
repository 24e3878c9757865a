/** Display names of the stage boards' note tags and verdicts (stage names: `stages.ts`, the core's). */
import { m } from '#lib/paraglide/messages.js';
import type { NoteTag, Verdict } from '#lib/shapes/sprint-board.ts';

export function tagLabel(tag: NoteTag): string {
	return tag === 'positive' ? m.sprints_live_tag_positive() : tag === 'negative' ? m.sprints_live_tag_negative() : m.sprints_live_tag_neutral();
}

export function verdictLabel(v: Verdict): string {
	return v === 'yes' ? m.sprints_live_verdict_yes() : v === 'no' ? m.sprints_live_verdict_no() : m.sprints_live_verdict_unclear();
}
