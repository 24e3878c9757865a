/**
 * The workshop phase machine. A workshop starts as a draft, is opened for collecting cards and
 * then moved by its facilitators through the phases; they may go back (e.g. to collect more
 * cards after clustering) or skip a phase, but never return to draft, and `closed` is final.
 */
import { WORKSHOP_PHASES, type WorkshopPhase } from '../access/policy.ts';

export { WORKSHOP_PHASES, type WorkshopPhase };

/** Phases a facilitator can move a workshop to (everything but the starting draft). */
export const TARGET_PHASES = WORKSHOP_PHASES.filter((p) => p !== 'draft') as Exclude<WorkshopPhase, 'draft'>[];

export type TransitionRefusal = 'closed' | 'same_phase' | 'to_draft';

/** Why `from → to` is not allowed, or null when it is. */
export function transitionRefusal(from: WorkshopPhase, to: WorkshopPhase): TransitionRefusal | null {
	if (from === 'closed') return 'closed';
	if (to === 'draft') return 'to_draft';
	if (from === to) return 'same_phase';
	return null;
}

export function canTransition(from: WorkshopPhase, to: WorkshopPhase): boolean {
	return transitionRefusal(from, to) === null;
}

/** The phase after this one in the usual order (null after closed). */
export function nextPhase(phase: WorkshopPhase): WorkshopPhase | null {
	const i = WORKSHOP_PHASES.indexOf(phase);
	return i >= 0 && i < WORKSHOP_PHASES.length - 1 ? WORKSHOP_PHASES[i + 1] : null;
}

/** Cards can be written only while collecting. */
export function acceptsCards(phase: WorkshopPhase): boolean {
	return phase === 'collect';
}

/** Votes can be cast and retracted only in the vote phase. */
export function acceptsVotes(phase: WorkshopPhase): boolean {
	return phase === 'vote';
}

/** Guests can join while the workshop runs (not before it opens, not after it closes). */
export function acceptsGuests(phase: WorkshopPhase): boolean {
	return phase !== 'draft' && phase !== 'closed';
}
