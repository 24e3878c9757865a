import { describe, expect, it } from 'vitest';
import { countdownText } from './supplier-format.ts';

const at = Date.parse('2027-03-01T09:00:00Z');
const plus = (ms: number) => new Date(at + ms).toISOString();
const MIN = 60_000;

describe('the deadline countdown', () => {
	it('says days, hours and minutes in Swedish, singular where one', () => {
		expect(countdownText(plus(3 * 1440 * MIN + 2 * 60 * MIN + 5 * MIN), at)).toBe('3 dagar, 2 timmar och 5 minuter kvar');
		expect(countdownText(plus(1440 * MIN + 60 * MIN + MIN), at)).toBe('1 dag, 1 timme och 1 minut kvar');
	});

	it('leaves out what is zero', () => {
		expect(countdownText(plus(2 * 1440 * MIN), at)).toBe('2 dagar kvar');
		expect(countdownText(plus(3 * 60 * MIN + 10 * MIN), at)).toBe('3 timmar och 10 minuter kvar');
	});

	it('rounds a part minute up, so it never says nothing is left before the deadline', () => {
		expect(countdownText(plus(20_000), at)).toBe('1 minut kvar');
	});

	it('says the time is up at and after the deadline', () => {
		expect(countdownText(plus(0), at)).toBe('Tiden har gått ut');
		expect(countdownText(plus(-MIN), at)).toBe('Tiden har gått ut');
	});
});
