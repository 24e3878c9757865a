import { describe, expect, it } from 'vitest';
import { keepOwnNeeds } from './need-links.ts';

describe('need links resolved inside the initiative', () => {
	const own = new Map([
		['n-own-1', 'Torra golv'],
		['n-own-2', 'Färre halkolyckor']
	]);

	it('drops ids that are not needs of the initiative and keeps the order of the rest', () => {
		const [r] = keepOwnNeeds([{ id: 'K1', needIds: ['n-own-2', 'n-foreign', 'n-own-1'] }], own);
		expect(r).toEqual({ id: 'K1', needIds: ['n-own-2', 'n-own-1'] });
	});

	it('leaves a requirement linked only to foreign needs with no link at all', () => {
		expect(keepOwnNeeds([{ needIds: ['n-foreign'] }], own)).toEqual([{ needIds: [] }]);
	});

	it('lists a need linked twice once', () => {
		expect(keepOwnNeeds([{ needIds: ['n-own-1', 'n-own-1'] }], own)).toEqual([{ needIds: ['n-own-1'] }]);
	});

	it('does not change the requirements it was given', () => {
		const input = [{ needIds: ['n-foreign'] }];
		keepOwnNeeds(input, own);
		expect(input).toEqual([{ needIds: ['n-foreign'] }]);
	});
});
