import { describe, expect, it } from 'vitest';
import { remaining } from './buyer-format.ts';

describe('the standstill countdown', () => {
	const end = Date.parse('2027-03-30T12:00:00Z');
	it('counts whole days and hours left', () => {
		expect(remaining(end, Date.parse('2027-03-20T12:00:00Z'))).toEqual({ days: 10, hours: 0, ended: false });
		expect(remaining(end, Date.parse('2027-03-23T16:59:59Z'))).toEqual({ days: 6, hours: 19, ended: false });
	});
	it('stops at zero once the standstill has ended', () => {
		expect(remaining(end, end)).toEqual({ days: 0, hours: 0, ended: true });
		expect(remaining(end, end + 5_000)).toEqual({ days: 0, hours: 0, ended: true });
	});
});
