/**
 * The one shape every committee document is built in before it becomes a file or a page: the
 * brief, the effect logic, the conflicts register and the procedure decision each produce an
 * `ExportDocument` once, and two renderers turn it into a Word file (`docx.ts`) and a printable
 * page (`PrintDocument.svelte`). So the printed page and the DOCX can never say different things.
 * Documents are in Swedish: they are the contracting authority's records.
 */

export interface Run {
	text: string;
	bold?: boolean;
	italic?: boolean;
}

export type Block =
	| { kind: 'heading'; level: 1 | 2 | 3; text: string }
	| { kind: 'paragraph'; runs: Run[] }
	/** A bulleted or numbered list; `level` nests (0 = top). */
	| { kind: 'list'; ordered: boolean; items: Array<{ runs: Run[]; level: number }> }
	/** "Label: value" on one line. */
	| { kind: 'field'; label: string; value: string }
	| { kind: 'table'; caption: string; headers: string[]; rows: string[][] };

export interface ExportDocument {
	/** e.g. "Projektdirektiv". */
	kind: string;
	/** The initiative's title. */
	initiativeTitle: string;
	/** Lines under the title: dates, who, status. */
	meta: string[];
	blocks: Block[];
	/** File name without extension, ASCII only (Content-Disposition). */
	fileBase: string;
}

const STOCKHOLM_DATE_TIME = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' });
const STOCKHOLM_DATE = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' });
const SEK = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });

/** "7 december 2026 kl. 02:55" style, Stockholm time: what a Swedish reader expects on paper. */
export function swedishDateTime(at: string | Date): string {
	return STOCKHOLM_DATE_TIME.format(new Date(at));
}

/** A calendar day (YYYY-MM-DD, or a timestamp) as "1 januari 2024". */
export function swedishDate(day: string | Date): string {
	const d = typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T12:00:00Z`) : new Date(day);
	return STOCKHOLM_DATE.format(d);
}

export function swedishSek(amount: number): string {
	return SEK.format(amount);
}

/** A plain paragraph. */
export function para(text: string, style: Omit<Run, 'text'> = {}): Block {
	return { kind: 'paragraph', runs: [{ text, ...style }] };
}

/** A file-name-safe form of a title: ASCII letters, digits and dashes, at most 60 characters. */
export function slug(title: string): string {
	const ascii = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return ascii.slice(0, 60).replace(/-+$/, '') || 'initiativ';
}
