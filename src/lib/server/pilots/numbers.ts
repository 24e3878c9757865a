/**
 * Numbers as Swedish people write them: `12,5`, `1 234`, `1 234,5` (space or no-break space
 * between thousands), `−3` (minus sign), `-3`, `12.5`, optionally followed by `%` or the
 * indicator's own unit. Shared by the needs register (text baselines from before numbers), the
 * CSV import and the migration's SQL twin (`drizzle/*_pilots.sql` applies the same rule).
 * Pure: no I/O.
 */

/** The number in `text`, or null when it is not one number (words, ranges, empty). */
export function parseSvNumber(text: string, unit = ''): number | null {
	let t = text.trim();
	const u = unit.trim();
	if (u && t.toLowerCase().endsWith(u.toLowerCase())) t = t.slice(0, t.length - u.length).trim();
	if (t.endsWith('%')) t = t.slice(0, -1).trim();
	t = t.replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-').replace(',', '.');
	if (!/^[-+]?[0-9]+(\.[0-9]+)?$/.test(t)) return null;
	const n = Number(t);
	return Number.isFinite(n) ? n : null;
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
