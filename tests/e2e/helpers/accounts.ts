/**
 * Test identities: unique e-mail addresses and valid Swedish organisation numbers (Luhn check
 * digit), so every run signs up fresh organisations on the same demo database.
 */
import { randomInt } from 'node:crypto';

/** Luhn check digit over the nine first digits of an organisation number. */
export function luhnDigit(nine: string): number {
	let sum = 0;
	for (let i = 0; i < nine.length; i++) {
		let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
		if (d > 9) d -= 9;
		sum += d;
	}
	return (10 - (sum % 10)) % 10;
}

/**
 * A random valid organisation number, `NNNNNN-NNNN`. Municipalities and regions start with 2
 * (21 = kommun), companies (aktiebolag) with 5 (55).
 */
export function orgNumber(kind: 'buyer' | 'supplier'): string {
	let nine = kind === 'buyer' ? '21' : '55';
	while (nine.length < 9) nine += String(randomInt(10));
	const ten = nine + luhnDigit(nine);
	return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}

let n = 0;
/** A unique address on a reserved domain. */
export function uniqueEmail(who: string): string {
	n++;
	return `${who}.${Date.now().toString(36)}${n}${randomInt(1000)}@e2e.brygga.test`;
}

/** A password long enough and rare enough for the sign-up rules. */
export const PASSWORD = 'Ljusblå-kanot-över-Mälaren-2026';

export interface Person {
	name: string;
	email: string;
	password: string;
}

export function person(name: string, who: string): Person {
	return { name, email: uniqueEmail(who), password: PASSWORD };
}
