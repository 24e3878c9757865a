/**
 * Join codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z,
 * 8/B), easy to read aloud and type on a phone. 25^6 ≈ 244 million codes; together with the
 * per-IP limit on failed attempts that makes guessing a running workshop's code impractical.
 */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const CODE_LENGTH = 6;

/** A fresh random code (CSPRNG, rejection sampling so every character is equally likely). */
export function generateJoinCode(): string {
	const n = CODE_ALPHABET.length;
	const limit = 256 - (256 % n);
	let out = '';
	while (out.length < CODE_LENGTH) {
		const bytes = new Uint8Array(16);
		crypto.getRandomValues(bytes);
		for (const b of bytes) {
			if (b < limit && out.length < CODE_LENGTH) out += CODE_ALPHABET[b % n];
		}
	}
	return out;
}

/** What people type (spaces, dashes, lower case) reduced to the stored form; null when it cannot be a code. */
export function normaliseJoinCode(input: string): string | null {
	const cleaned = input.toUpperCase().replace(/[\s-]/g, '');
	if (cleaned.length !== CODE_LENGTH) return null;
	for (const ch of cleaned) if (!CODE_ALPHABET.includes(ch)) return null;
	return cleaned;
}

/** Shown as `ABC DEF` so it reads in two chunks. */
export function formatJoinCode(code: string): string {
	return `${code.slice(0, 3)} ${code.slice(3)}`;
}
