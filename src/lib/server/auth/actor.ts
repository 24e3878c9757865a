/**
 * Who is asking: the one place that turns cookies into an actor, for SvelteKit requests and
 * WebSocket upgrades alike. Unknown or expired credentials give the anonymous actor.
 */
import { ANONYMOUS, type Actor } from '../access/policy.ts';
import type { App } from '../app.ts';
import { limitsFrom, sessionCookie, validateSessionToken, type Session } from './session.ts';
import { guestCookieName, validateGuestToken } from './guest.ts';

export interface ResolvedActor {
	actor: Actor;
	session: Session | null;
	sessionToken: string | null;
}

/** `getCookie` reads a cookie by name from whatever request is at hand. */
export async function resolveActor(app: App, getCookie: (name: string) => string | undefined): Promise<ResolvedActor> {
	const token = getCookie(sessionCookie(app.config.secureCookies).name);
	if (token) {
		const validated = await validateSessionToken(app.db, token, limitsFrom(app.config));
		if (validated) return { actor: validated.actor, session: validated.session, sessionToken: token };
	}
	const guestToken = getCookie(guestCookieName(app.config.secureCookies));
	if (guestToken) {
		const guest = await validateGuestToken(app.db, guestToken);
		if (guest) return { actor: guest, session: null, sessionToken: null };
	}
	return { actor: ANONYMOUS, session: null, sessionToken: null };
}

/** Parses a `Cookie` header into a getter (for WebSocket upgrades). */
export function cookieGetter(header: string | undefined): (name: string) => string | undefined {
	const map = new Map<string, string>();
	for (const part of (header ?? '').split(';')) {
		const i = part.indexOf('=');
		if (i < 0) continue;
		const k = part.slice(0, i).trim();
		if (!map.has(k)) {
			try {
				map.set(k, decodeURIComponent(part.slice(i + 1).trim()));
			} catch {
				// A malformed cookie value is treated as absent.
			}
		}
	}
	return (name) => map.get(name);
}
