import { describe, expect, it } from 'vitest';
import { isFiltered, parseFilter } from './filter.ts';

const parse = (q: string) => parseFilter(new URLSearchParams(q));

describe('journal filters', () => {
	it('reads kind, person and a date range, and treats empty fields as no filter', () => {
		const id = '7d1f6a52-2b0b-4b8e-9a43-1b1a2f0c9e11';
		expect(parse(`kind=workshop&actor=${id}&from=2026-03-01&to=2026-03-31`)).toEqual({
			ok: true,
			filter: { kind: 'workshop', actor: id, from: '2026-03-01', to: '2026-03-31' }
		});
		const empty = parse('kind=&actor=&from=&to=');
		expect(empty.ok && isFiltered(empty.filter)).toBe(false);
		expect(parse('kind=workshop.guest_joined')).toMatchObject({ ok: true, filter: { kind: 'workshop.guest_joined' } });
		expect(parse('from=2026-03-01&to=2026-03-01')).toMatchObject({ ok: true });
	});

	it('refuses what cannot be a kind, a user id or a calendar day, and a range that ends before it starts', () => {
		expect(parse('kind=Workshop')).toMatchObject({ ok: false, field: 'kind', reason: 'kind' });
		expect(parse('kind=a.b.c')).toMatchObject({ ok: false, reason: 'kind' });
		expect(parse(`kind=${'a'.repeat(101)}`)).toMatchObject({ ok: false, reason: 'kind' });
		expect(parse("kind=x'%20or%201=1")).toMatchObject({ ok: false, reason: 'kind' });
		expect(parse('actor=guest:abc')).toMatchObject({ ok: false, field: 'actor', reason: 'actor' });
		expect(parse('from=2026-02-29')).toMatchObject({ ok: false, field: 'from', reason: 'date' });
		expect(parse('to=1/3/2026')).toMatchObject({ ok: false, field: 'to', reason: 'date' });
		expect(parse('from=2026-03-02&to=2026-03-01')).toMatchObject({ ok: false, field: 'to', reason: 'range' });
	});
});
