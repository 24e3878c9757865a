import { describe, expect, it } from 'vitest';
import { TimerAnnouncer, timerText } from './timer.ts';

describe('timerText', () => {
	it('says one minute in the singular, in Swedish and English', () => {
		expect(timerText(60, 'sv')).toBe('1 minut kvar.');
		expect(timerText(60, 'en')).toBe('1 minute left.');
	});

	it('says several minutes in the plural', () => {
		expect(timerText(180, 'sv')).toBe('3 minuter kvar.');
		expect(timerText(180, 'en')).toBe('3 minutes left.');
	});

	it('rounds to the nearest whole minute, half up, and never says "about"', () => {
		expect(timerText(61, 'sv')).toBe('1 minut kvar.');
		expect(timerText(89, 'sv')).toBe('1 minut kvar.');
		expect(timerText(90, 'sv')).toBe('2 minuter kvar.');
		expect(timerText(299, 'en')).toBe('5 minutes left.');
		expect(timerText(299.6, 'en')).toBe('5 minutes left.');
		expect(timerText(61, 'sv')).not.toMatch(/ungefär/i);
	});

	it('says less than a minute under 60 seconds, and time is up at zero or below', () => {
		expect(timerText(59, 'sv')).toBe('Mindre än en minut kvar.');
		expect(timerText(1, 'en')).toBe('Less than a minute left.');
		expect(timerText(0, 'sv')).toBe('Tiden är ute.');
		expect(timerText(-3, 'en')).toBe('Time is up.');
	});
});

/** Runs a countdown second by second and collects what is spoken, with the time it was said. */
function run(announcer: TimerAnnouncer, endsAt: number, from: number, to: number) {
	const said: Array<{ at: number; text: string }> = [];
	for (let now = from; now <= to; now += 1000) {
		const text = announcer.next(endsAt, Math.max(0, Math.round((endsAt - now) / 1000)), now);
		if (text) said.push({ at: now, text });
	}
	return said;
}

describe('TimerAnnouncer', () => {
	it('speaks at the start, at each of the last five whole minutes and when time is up', () => {
		const said = run(new TimerAnnouncer('sv'), 300_000, 0, 300_000);
		expect(said.map((s) => s.text)).toEqual([
			'5 minuter kvar.',
			'4 minuter kvar.',
			'3 minuter kvar.',
			'2 minuter kvar.',
			'1 minut kvar.',
			'Tiden är ute.'
		]);
	});

	it('never speaks twice within a minute', () => {
		// Joined 1 s before the four-minute mark: the mark itself is too soon after the first update.
		const said = run(new TimerAnnouncer('en'), 300_000, 59_000, 300_000);
		for (let i = 1; i < said.length; i++) expect(said[i].at - said[i - 1].at).toBeGreaterThanOrEqual(60_000);
		expect(said[0].text).toBe('4 minutes left.');
		expect(said.at(-1)?.text).toBe('Time is up.');
	});

	it('says a whole minute that came too soon once the minute has passed, rounded at that moment', () => {
		const said = run(new TimerAnnouncer('sv'), 300_000, 30_000, 130_000);
		expect(said).toEqual([
			{ at: 30_000, text: '5 minuter kvar.' },
			{ at: 90_000, text: '4 minuter kvar.' }
		]);
	});

	it('only says every fifth minute of a long countdown', () => {
		const said = run(new TimerAnnouncer('sv'), 1_200_000, 0, 600_000);
		expect(said.map((s) => s.text)).toEqual(['20 minuter kvar.', '15 minuter kvar.', '10 minuter kvar.']);
	});

	it('starts over when the facilitator sets a new deadline, and is silent without one', () => {
		const a = new TimerAnnouncer('en');
		expect(a.next(300_000, 300, 0)).toBe('5 minutes left.');
		expect(a.next(600_000, 120, 480_000)).toBe('2 minutes left.');
		expect(a.next(null, null, 481_000)).toBeNull();
		expect(a.next(600_000, 119, 481_000)).toBe('2 minutes left.');
	});

	it('says time is up once', () => {
		const a = new TimerAnnouncer('sv');
		a.next(1000, 1, 0);
		expect(a.next(1000, 0, 1000)).toBe('Tiden är ute.');
		expect(a.next(1000, 0, 2000)).toBeNull();
	});
});
