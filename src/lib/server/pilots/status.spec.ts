import { describe, expect, it } from 'vitest';
import { indicatorStatus, progress } from './status.ts';
import { isIsoDate, parseSvNumber } from './numbers.ts';

const v = (date: string, value: number, confirmed = true) => ({ date, value, confirmed });

describe('indicator status', () => {
	it('is met when an up-indicator reaches its target and not met below it', () => {
		expect(indicatorStatus('up', 80, [v('2026-01-01', 60), v('2026-02-01', 80)])).toBe('met');
		expect(indicatorStatus('up', 80, [v('2026-01-01', 90), v('2026-02-01', 79.5)])).toBe('not_met');
	});
	it('is met when a down-indicator falls to its target and not met above it', () => {
		expect(indicatorStatus('down', 10, [v('2026-03-01', 9)])).toBe('met');
		expect(indicatorStatus('down', 10, [v('2026-03-01', 10.1)])).toBe('not_met');
	});
	it('judges by the latest date, not by the order values arrived in', () => {
		expect(indicatorStatus('up', 50, [v('2026-05-01', 60), v('2026-01-01', 10)])).toBe('met');
	});
	it('has no data without values, and unconfirmed supplier values do not count', () => {
		expect(indicatorStatus('up', 5, [])).toBe('no_data');
		expect(indicatorStatus('up', 5, [v('2026-01-01', 9, false)])).toBe('no_data');
		expect(indicatorStatus('up', 5, [v('2026-01-01', 1), v('2026-02-01', 9, false)])).toBe('not_met');
	});
	it('measures progress from baseline to target, and none without a baseline', () => {
		expect(progress(100, 80, [v('2026-01-01', 90)])).toBe(0.5);
		expect(progress(null, 80, [v('2026-01-01', 90)])).toBeNull();
		expect(progress(100, 80, [])).toBeNull();
	});
});

describe('Swedish numbers', () => {
	it('reads decimal commas, space thousands, minus signs and a trailing unit or percent', () => {
		expect(parseSvNumber('12,5')).toBe(12.5);
		expect(parseSvNumber('1 234,5')).toBe(1234.5);
		expect(parseSvNumber('1\u00a0234')).toBe(1234);
		expect(parseSvNumber('\u22123')).toBe(-3);
		expect(parseSvNumber('12.5')).toBe(12.5);
		expect(parseSvNumber(' 40 % ')).toBe(40);
		expect(parseSvNumber('14 fall/månad', 'fall/månad')).toBe(14);
	});
	it('refuses words, ranges and empty text', () => {
		expect(parseSvNumber('')).toBeNull();
		expect(parseSvNumber('ca 20')).toBeNull();
		expect(parseSvNumber('10–20')).toBeNull();
		expect(parseSvNumber('okänt')).toBeNull();
		expect(parseSvNumber('1,2,3')).toBeNull();
	});
	it('knows real calendar dates', () => {
		expect(isIsoDate('2026-02-28')).toBe(true);
		expect(isIsoDate('2026-02-30')).toBe(false);
		expect(isIsoDate('2026-2-3')).toBe(false);
	});
});
