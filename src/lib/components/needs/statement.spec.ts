import { describe, expect, it } from 'vitest';
import { composeStatement, productWords } from './statement.ts';

describe('the need statement helper', () => {
	it('composes "[vem] behöver [funktion/resultat] så att [effekt]"', () => {
		expect(composeStatement({ who: 'Förskolepersonal', need: 'torra golv i hallen', effect: 'barnen inte halkar' })).toBe(
			'Förskolepersonal behöver torra golv i hallen så att barnen inte halkar'
		);
		expect(composeStatement({ who: 'Staff', need: 'dry floors', effect: 'children do not slip' }, 'en')).toBe(
			'Staff need dry floors so that children do not slip'
		);
		expect(composeStatement({ who: ' ', need: '', effect: '' })).toBe('');
	});

	it('warns when the text names a product type or a brand, in any inflection', () => {
		expect(productWords('Vi behöver en app och två robotdammsugare från iRobot')).toEqual(['app', 'robotdammsugare', 'irobot']);
		expect(productWords('Personalen behöver surfplattor')).toEqual(['surfplattor']);
	});

	it('stays quiet for functions and outcomes, and for words that merely contain a product word', () => {
		expect(productWords('Färre fall bland inneliggande patienter, minst 20 % minskning')).toEqual([]);
		expect(productWords('Appellationen och apparaten')).toEqual([]);
	});
});
