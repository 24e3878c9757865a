/**
 * Workshop guests: people who join one workshop from a phone with a display name only.
 * The guest tables and token checks live with the workshops module (issue 3); until a guest
 * table exists no guest token validates.
 */
import type { Actor } from '../access/policy.ts';
import type { Db } from '../db/index.ts';

export function guestCookieName(secure: boolean): string {
	return secure ? '__Host-brygga_guest' : 'brygga_guest';
}

export async function validateGuestToken(_db: Db, _token: string): Promise<Extract<Actor, { kind: 'guest' }> | null> {
	return null;
}
