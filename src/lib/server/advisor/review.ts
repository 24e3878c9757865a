/**
 * Review dates of thresholds. EU thresholds change every second year, and a figure that
 * "applies from 1 January 2024" says nothing about whether it still applies: each row in use
 * carries the day by which it must be checked, and the advisor and the thresholds page warn
 * when a threshold in use today is past that day. Pure: callers pass today's date (YYYY-MM-DD).
 */

export interface Reviewable {
	validFrom: string;
	validTo: string | null;
	reviewBy: string | null;
}

/** Whether the row applies on `day` (valid from that day or earlier, not yet ended). */
export function inUseOn(row: Reviewable, day: string): boolean {
	return row.validFrom <= day && (row.validTo === null || row.validTo >= day);
}

/**
 * Whether the row is in use on `day` and past its review date. The review day itself is still
 * fine; from the day after, the figure may be out of date. Rows without a review date (ended or
 * not meant to be reviewed) never warn.
 */
export function reviewOverdue(row: Reviewable, day: string): boolean {
	return row.reviewBy !== null && inUseOn(row, day) && day > row.reviewBy;
}

/** The rows in use on `day` that are past their review date, in the order given. */
export function overdueForReview<T extends Reviewable>(rows: readonly T[], day: string): T[] {
	return rows.filter((r) => reviewOverdue(r, day));
}
