/**
 * Whether an indicator has reached its target: the latest confirmed value against the target in
 * the indicator's direction (`up`: at least the target; `down`: at most the target). Values a
 * supplier reported and no team member has confirmed yet do not count; no confirmed value is
 * `no_data`. Pure: unit-tested in `status.spec.ts`.
 */
import type { Direction } from '../db/schema/pilots.ts';

export type IndicatorStatus = 'met' | 'not_met' | 'no_data';

export interface SeriesPoint {
	date: string;
	value: number;
	confirmed: boolean;
}

/** The latest confirmed value (by date), or null. */
export function latestConfirmed(series: readonly SeriesPoint[]): SeriesPoint | null {
	let latest: SeriesPoint | null = null;
	for (const p of series) if (p.confirmed && (!latest || p.date > latest.date)) latest = p;
	return latest;
}

export function indicatorStatus(direction: Direction, target: number, series: readonly SeriesPoint[]): IndicatorStatus {
	const latest = latestConfirmed(series);
	if (!latest) return 'no_data';
	return (direction === 'up' ? latest.value >= target : latest.value <= target) ? 'met' : 'not_met';
}

/**
 * How far from baseline toward target the latest confirmed value has come, 0–1 and beyond
 * (negative when it went the wrong way); null without a baseline, data, or when baseline = target.
 */
export function progress(baseline: number | null, target: number, series: readonly SeriesPoint[]): number | null {
	const latest = latestConfirmed(series);
	if (baseline === null || !latest || baseline === target) return null;
	return (latest.value - baseline) / (target - baseline);
}
