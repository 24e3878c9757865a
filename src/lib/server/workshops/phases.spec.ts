import { describe, expect, it } from 'vitest';
import { WORKSHOP_PHASES, type WorkshopPhase, acceptsCards, acceptsGuests, acceptsVotes, canTransition, nextPhase, transitionRefusal } from './phases.ts';

describe('the workshop phase machine', () => {
	it('walks draft → collect → cluster → vote → prioritise → formulate → closed in order', () => {
		let phase: WorkshopPhase = WORKSHOP_PHASES[0];
		const seen: WorkshopPhase[] = [phase];
		for (let next = nextPhase(phase); next; next = nextPhase(phase)) {
			expect(canTransition(phase, next)).toBe(true);
			phase = next;
			seen.push(phase);
		}
		expect(seen).toEqual(['draft', 'collect', 'cluster', 'vote', 'prioritise', 'formulate', 'closed']);
	});

	it('lets the facilitator go back or skip ahead while the workshop runs', () => {
		expect(canTransition('vote', 'collect')).toBe(true);
		expect(canTransition('collect', 'vote')).toBe(true);
		expect(canTransition('draft', 'closed')).toBe(true);
	});

	it('never returns to draft', () => {
		for (const from of WORKSHOP_PHASES.filter((p) => p !== 'draft' && p !== 'closed')) {
			expect(transitionRefusal(from, 'draft')).toBe('to_draft');
		}
	});

	it('treats closed as final', () => {
		for (const to of WORKSHOP_PHASES) expect(transitionRefusal('closed', to)).toBe('closed');
	});

	it('refuses a move to the phase the workshop is already in', () => {
		expect(transitionRefusal('cluster', 'cluster')).toBe('same_phase');
	});

	it('accepts cards only while collecting and votes only while voting', () => {
		expect(WORKSHOP_PHASES.filter(acceptsCards)).toEqual(['collect']);
		expect(WORKSHOP_PHASES.filter(acceptsVotes)).toEqual(['vote']);
	});

	it('lets guests in only while the workshop runs', () => {
		expect(acceptsGuests('draft')).toBe(false);
		expect(acceptsGuests('closed')).toBe(false);
		expect(acceptsGuests('prioritise')).toBe(true);
	});
});
