/**
 * Passwords (OWASP ASVS 5.0 §6.2, §11.4): argon2id with m = 19 MiB, t = 2, p = 1 (the ASVS /
 * OWASP cheat-sheet minimum), 12 to 256 characters, no composition rules, and the most common
 * passwords refused from a bundled list — offline, so no part of a password ever leaves the
 * server (no breach API in another jurisdiction).
 *
 * Length is counted in Unicode code points after NFC normalisation; the same normalisation is
 * applied when hashing and verifying, so "å" typed as one or two code points is the same password.
 * Nothing is ever truncated: all of a 256-character password goes into the hash.
 */
import fs from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';

/** argon2id parameters (argon2id is the library's default algorithm; the test checks the PHC string). */
export const ARGON2_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_LENGTH = 12;
export const MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'common';

/** Swedish explanations of why a password is refused (the API's language; pages use the message files). */
export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
	too_short: `Lösenordet måste ha minst ${MIN_LENGTH} tecken. Tips: en fras av flera ord är lätt att minnas och svår att gissa.`,
	too_long: `Lösenordet får ha högst ${MAX_LENGTH} tecken.`,
	common: 'Lösenordet är ett av de vanligaste lösenorden och gissas lätt. Välj ett annat, gärna en fras av flera ord.'
};

function normalise(password: string): string {
	return password.normalize('NFC');
}

let common: Set<string> | undefined;

/**
 * The bundled list, read once. It sits beside this file in the source tree; in the built server
 * (where this module is bundled elsewhere) it is found from the working directory, like the
 * migrations. A missing list is an installation error, so it throws rather than accept anything.
 */
function commonPasswords(): Set<string> {
	if (common) return common;
	const candidates = [
		new URL('./common-passwords.txt', import.meta.url),
		path.resolve(process.cwd(), 'src/lib/server/auth/common-passwords.txt')
	];
	for (const candidate of candidates) {
		let text: string;
		try {
			text = fs.readFileSync(candidate, 'utf8');
		} catch {
			continue;
		}
		common = new Set(
			text
				.split('\n')
				.map((l) => l.trim())
				.filter((l) => l && !l.startsWith('#'))
		);
		return common;
	}
	throw new Error('The common-password list (src/lib/server/auth/common-passwords.txt) was not found.');
}

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string): PasswordProblem | null {
	const length = [...normalise(password)].length;
	if (length < MIN_LENGTH) return 'too_short';
	if (length > MAX_LENGTH) return 'too_long';
	if (commonPasswords().has(normalise(password).toLowerCase())) return 'common';
	return null;
}

/** The argon2id PHC string of a password. */
export function hashPassword(password: string): Promise<string> {
	return hash(normalise(password), ARGON2_PARAMS);
}

/** True when the password matches the PHC string; false for a malformed hash. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
	// A password longer than any we accept cannot match; do not spend a hash on it.
	if (password.length > MAX_LENGTH * 4) return false;
	try {
		return await verify(phc, normalise(password));
	} catch {
		return false;
	}
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash with the same parameters, so that a login for an unknown
 * email takes as long as one with a wrong password and timing does not reveal which accounts exist.
 * The throwaway hash is made ahead (`prepareDummy`, called by the account service at import) so
 * that not even the first unknown address takes longer.
 */
export async function verifyDummy(password: string): Promise<false> {
	await verifyPassword(await prepareDummy(), password);
	return false;
}

export function prepareDummy(): Promise<string> {
	dummy ??= hashPassword(crypto.randomUUID() + crypto.randomUUID());
	return dummy;
}
