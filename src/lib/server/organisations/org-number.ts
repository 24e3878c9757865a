/**
 * Swedish organisation numbers (organisationsnummer, and personnummer for sole traders):
 * ten digits `NNNNNN-NNNN` whose last digit is a Luhn check digit over the first nine.
 * Accepted input: `NNNNNN-NNNN`, `NNNNNNNNNN`, or twelve digits with a century prefix
 * `16`, `19` or `20` (Skatteverket writes `16` before legal persons' numbers, e.g.
 * `16212000-1355`), with or without the hyphen. Spaces around the value are ignored.
 * Stored and shown normalised as `NNNNNN-NNNN`, so one organisation has exactly one spelling.
 */

/** The Luhn (mod 10) check digit for a string of digits. */
export function luhnCheckDigit(digits: string): number {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		// Weights 2,1,2,1,… from the left, as Skatteverket computes it over nine digits.
		let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
		if (d > 9) d -= 9;
		sum += d;
	}
	return (10 - (sum % 10)) % 10;
}

/** Normalises a Swedish organisation number to `NNNNNN-NNNN`, or null when it is not a valid one. */
export function normaliseOrgNumber(input: string): string | null {
	const value = input.trim();
	const match = /^(?:(16|19|20)?(\d{6})-?(\d{4}))$/.exec(value);
	if (!match) return null;
	const [, , first, last] = match;
	const ten = first + last;
	if (luhnCheckDigit(ten.slice(0, 9)) !== Number(ten[9])) return null;
	return `${first}-${last}`;
}

/** True for a valid Swedish organisation number in any accepted spelling. */
export function isValidOrgNumber(input: string): boolean {
	return normaliseOrgNumber(input) !== null;
}
