import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findTextProblem, formTextProblem, lineText, multilineText, textProblem, urlProblem } from './text.ts';
import { storableData } from '../audit/index.ts';

describe('text that can be stored', () => {
	it('accepts Swedish text, emoji, combining accents, right-to-left marks and zero-width joiners', () => {
		for (const v of ['Åsa Öberg', '👩‍👩‍👧 familj', 'e\u0301', '\u200Fשלום\u200E', 'a\u200Db', '']) expect(textProblem(v)).toBeNull();
	});

	it('refuses a lone high or low surrogate, but not a complete pair', () => {
		expect(textProblem('W \ud83d')).toBe('lone_surrogate');
		expect(textProblem('\ude00 x')).toBe('lone_surrogate');
		expect(textProblem('\ude00\ud83d')).toBe('lone_surrogate');
		expect(textProblem('\ud83d\ude00')).toBeNull();
	});

	it('refuses NUL, other C0 and C1 control characters and DEL', () => {
		for (const c of ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u009F']) {
			expect(textProblem(`a${c}b`, { multiline: true })).toBe('control_character');
		}
	});

	it('allows tab and line breaks only in multi-line text (a trailing newline on one line is trimmed, so passes)', () => {
		expect(textProblem('a\nb\r\n\tc', { multiline: true })).toBeNull();
		expect(textProblem('a\nb')).toBe('line_break');
		expect(textProblem('a\tb')).toBe('line_break');
		expect(textProblem('ab\n')).toBeNull();
	});

	it('finds the first bad string in a JSON body, keys included, with its path', () => {
		expect(findTextProblem({ a: ['ok', { b: 'x\u0000' }] })).toEqual({ path: ['a', 1, 'b'], problem: 'control_character' });
		expect(findTextProblem({ ['k\ud800']: 1 })).toEqual({ path: ['k\ud800'], problem: 'lone_surrogate' });
		expect(findTextProblem({ a: 1, b: [true, null, 'rad ett\nrad två'] })).toBeNull();
	});

	it('gives schema issues the code invalid_text and a Swedish message', () => {
		const r = lineText().safeParse('W \ud83d');
		expect(r.success).toBe(false);
		expect(r.error?.issues[0].message).toMatch(/trasigt tecken/);
		expect((r.error?.issues[0] as { params?: { code?: string } }).params?.code).toBe('invalid_text');
		expect(multilineText().safeParse('rad\nrad').success).toBe(true);
	});

	it('checks every text field of a form post but skips other content types', async () => {
		const post = (body: BodyInit, type?: string) =>
			new Request('http://x/', { method: 'POST', body, headers: type ? { 'content-type': type } : {} });
		expect(await formTextProblem(post('title=a%00b', 'application/x-www-form-urlencoded'))).toBe('control_character');
		expect(await formTextProblem(post('title=Hej%0Ad%C3%A5', 'application/x-www-form-urlencoded'))).toBeNull();
		const form = new FormData();
		form.set('name', 'x\u001b');
		expect(await formTextProblem(new Request('http://x/', { method: 'POST', body: form }))).toBe('control_character');
		expect(await formTextProblem(post('{"a":"\\u0000"}', 'application/json'))).toBeNull();
	});

	it('any string made storable for the journal has no lone surrogate or NUL left', () => {
		const storable = (v: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/.test(v);
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
				const out = storableData({ [s]: [s] }) as Record<string, string[]>;
				return Object.entries(out).every(([k, v]) => storable(k) && storable(v[0]));
			}),
			{ seed: 11, numRuns: 200 }
		);
	});

	it('answers an address that does not decode as malformed, and one carrying control characters as naming nothing', () => {
		expect(urlProblem(new URL('http://x/api/v1/workshops/%ED%A0%BD'))).toEqual({ status: 400, code: 'malformed_uri' });
		expect(urlProblem(new URL('http://x/api/v1/me/sessions/%00'))).toEqual({ status: 404, code: 'not_found' });
		expect(urlProblem(new URL('http://x/api/v1/x?requirement=a%1Bb'))).toEqual({ status: 400, code: 'invalid_text' });
		// Query strings decode leniently (invalid UTF-8 becomes U+FFFD): nothing to refuse.
		expect(urlProblem(new URL('http://x/api/v1/x?q=%E0%A4%A'))).toBeNull();
		expect(urlProblem(new URL('http://x/initiatives/%C3%85sa?q=r%C3%A4ka%0Arad'))).toBeNull();
	});
});
