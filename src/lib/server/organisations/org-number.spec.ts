import { describe, expect, it } from 'vitest';
import { isValidOrgNumber, luhnCheckDigit, normaliseOrgNumber } from './org-number.ts';

/** Builds a valid number from nine digits by appending the Luhn check digit. */
function withCheckDigit(nine: string): string {
	return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

describe('Swedish organisation numbers', () => {
	it('accepts real, published numbers of public bodies and companies', () => {
		// Ericsson AB (556016-0680), Skatteverket (202100-5489)
		// and a municipality (212000-1355).
		expect(normaliseOrgNumber('556016-0680')).toBe('556016-0680');
		expect(normaliseOrgNumber('202100-5489')).toBe('202100-5489');
		expect(normaliseOrgNumber('212000-1355')).toBe('212000-1355');
	});

	it('accepts ten digits without a hyphen and normalises them', () => {
		expect(normaliseOrgNumber('5560160680')).toBe('556016-0680');
	});

	it('accepts twelve digits with the century prefix 16, 19 or 20, with or without hyphen', () => {
		expect(normaliseOrgNumber('16556016-0680')).toBe('556016-0680');
		expect(normaliseOrgNumber('165560160680')).toBe('556016-0680');
		expect(normaliseOrgNumber('19556016-0680')).toBe('556016-0680');
		expect(normaliseOrgNumber('20556016-0680')).toBe('556016-0680');
	});

	it('ignores surrounding spaces', () => {
		expect(normaliseOrgNumber('  556016-0680 ')).toBe('556016-0680');
	});

	it('refuses a number whose check digit is wrong', () => {
		for (let wrong = 0; wrong <= 9; wrong++) {
			if (wrong === 0) continue;
			expect(normaliseOrgNumber(`556016-068${wrong}`)).toBeNull();
		}
	});

	it('refuses other century prefixes, wrong lengths, letters and misplaced hyphens', () => {
		for (const bad of ['18556016-0680', '55601-60680', '556016-068', '556016-06800', '55601606800', 'abcdef-ghij', '556016 0680', '', '556016--0680', '5560-160680']) {
			expect(isValidOrgNumber(bad), bad).toBe(false);
		}
	});

	it('accepts every number built with the Luhn check digit and refuses every other last digit', () => {
		let seed = 12345;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
		for (let n = 0; n < 500; n++) {
			const nine = String(next() % 1_000_000_000).padStart(9, '0');
			const valid = withCheckDigit(nine);
			expect(normaliseOrgNumber(valid)).toBe(valid);
			const check = Number(valid.at(-1));
			for (let d = 0; d <= 9; d++) {
				if (d !== check) expect(normaliseOrgNumber(valid.slice(0, -1) + d)).toBeNull();
			}
		}
	});

	it('computes the check digit with Skatteverket’s weights 2,1,2,… from the left', () => {
		// 556016068: 5*2=10→1, 5, 6*2=12→3, 0, 1*2=2, 6, 0, 6, 8*2=16→7 = 30 → check digit 0.
		expect(luhnCheckDigit('556016068')).toBe(0);
	});
});
