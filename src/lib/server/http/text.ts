/**
 * What counts as storable text, decided once for the API, the forms and the journal.
 *
 * Two kinds of character are refused:
 * - a lone UTF-16 surrogate (half of an emoji, e.g. the JSON escape `"\ud83d"` on its own):
 *   it has no UTF-8 form, so PostgreSQL refuses it in `jsonb` (the journal) and drivers silently
 *   turn it into U+FFFD in `text` — a write that half succeeds;
 * - C0 and C1 control characters and DEL (NUL among them, which PostgreSQL refuses in any text
 *   column): invisible, never typed on purpose, and a classic way to smuggle content past a
 *   reader. Tab, line feed and carriage return stay allowed where text may have several lines.
 *
 * Everything else — right-to-left marks, combining accents, emoji, zero-width joiners — is
 * ordinary text in Swedish public documents and passes.
 */
import { z } from 'zod';

export type TextProblem = 'lone_surrogate' | 'control_character' | 'line_break';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\t\n\r]/;

/** Swedish, because they reach people through the API and the forms. */
export const TEXT_MESSAGES: Record<TextProblem, string> = {
	lone_surrogate: 'Texten innehåller ett trasigt tecken (till exempel en halv emoji). Skriv om texten och försök igen.',
	control_character: 'Texten innehåller osynliga styrtecken som inte kan sparas. Ta bort dem och försök igen.',
	line_break: 'Texten får inte innehålla radbrytningar eller tabbar.'
};

/**
 * Why `value` cannot be stored as text, or null when it can. `multiline` allows tab, line feed
 * and carriage return (text areas); single-line fields refuse them too.
 */
export function textProblem(value: string, opts: { multiline?: boolean } = {}): TextProblem | null {
	if (LONE_SURROGATE.test(value)) return 'lone_surrogate';
	if (CONTROL.test(value)) return 'control_character';
	// Leading and trailing whitespace is trimmed by the schemas; only breaks inside count.
	if (!opts.multiline && LINE_BREAK.test(value.trim())) return 'line_break';
	return null;
}

/**
 * The first string in a parsed JSON value (object keys included) that cannot be stored as text,
 * with its path. Line breaks are allowed here: which fields are single-line is the schema's
 * business (`lineText`), this is the backstop for every field of every body.
 */
export function findTextProblem(value: unknown, path: Array<string | number> = []): { path: Array<string | number>; problem: TextProblem } | null {
	if (typeof value === 'string') {
		const problem = textProblem(value, { multiline: true });
		return problem ? { path, problem } : null;
	}
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const found = findTextProblem(value[i], [...path, i]);
			if (found) return found;
		}
		return null;
	}
	if (value && typeof value === 'object') {
		for (const [key, v] of Object.entries(value)) {
			const problem = textProblem(key, { multiline: false });
			if (problem) return { path: [...path, key], problem };
			const found = findTextProblem(v, [...path, key]);
			if (found) return found;
		}
	}
	return null;
}

function refineText(multiline: boolean) {
	return (value: string, ctx: z.core.$RefinementCtx<string>) => {
		const problem = textProblem(value, { multiline });
		if (problem) ctx.addIssue({ code: 'custom', message: TEXT_MESSAGES[problem], params: { code: 'invalid_text' }, input: value });
	};
}

/** A zod string of one line (names, titles): no control characters, line breaks or tabs. */
export const lineText = (params?: Parameters<typeof z.string>[0]) => z.string(params).check(z.superRefine(refineText(false)));

/** A zod string that may have several lines (descriptions, cards, comments). */
export const multilineText = (params?: Parameters<typeof z.string>[0]) => z.string(params).check(z.superRefine(refineText(true)));

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * The first text problem in the fields of a form post (files are not text and are skipped), or
 * null; also null for other content types and unreadable bodies, which the action answers itself.
 * Reads a clone, so the action can still read the body.
 */
export async function formTextProblem(request: Request): Promise<TextProblem | null> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return null;
	let form: FormData;
	try {
		form = await request.clone().formData();
	} catch {
		return null;
	}
	for (const [name, value] of form) {
		const problem = textProblem(name, { multiline: false }) ?? (typeof value === 'string' ? textProblem(value, { multiline: true }) : null);
		if (problem) return problem;
	}
	return null;
}

/**
 * Why a request's address cannot name anything that exists, or null. A path that does not
 * decode (invalid UTF-8 such as `%ED%A0%BD`) is `malformed`; a path segment or query value with
 * a NUL, another control character or a lone surrogate is `invalid_text` — such a value would
 * otherwise reach the database as an id or filter, which PostgreSQL refuses with an error.
 */
export function urlProblem(url: URL): { status: 400 | 404; code: 'malformed_uri' | 'not_found' | 'invalid_text' } | null {
	let path: string;
	try {
		path = decodeURIComponent(url.pathname);
	} catch {
		return { status: 400, code: 'malformed_uri' };
	}
	if (textProblem(path, { multiline: false })) return { status: 404, code: 'not_found' };
	try {
		for (const [key, value] of url.searchParams) {
			if (textProblem(key, { multiline: false }) || textProblem(value, { multiline: true })) return { status: 400, code: 'invalid_text' };
		}
	} catch {
		return { status: 400, code: 'malformed_uri' };
	}
	return null;
}

export const URL_MESSAGES = {
	malformed_uri: 'Adressen går inte att läsa (ogiltig teckenkodning).',
	not_found: 'Finns inte.',
	invalid_text: TEXT_MESSAGES.control_character
} as const;
