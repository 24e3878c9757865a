/**
 * The upgrade check, run before a WebSocket exists and so before any document content could be
 * sent: same origin, a valid session (or workshop-guest) cookie, a known document name, and the
 * policy's level on that document. Every refusal is a plain HTTP answer on the raw socket.
 */
import type http from 'node:http';
import { parseDocName, resolveDoc } from '../../src/lib/server/access/docs.ts';
import { levelFor, rank, type Actor, type Level } from '../../src/lib/server/access/policy.ts';
import type { App } from '../../src/lib/server/app.ts';
import { resolveActor } from '../../src/lib/server/auth/actor.ts';
import { sessionCookie } from '../../src/lib/server/auth/session.ts';
import { guestCookieName } from '../../src/lib/server/auth/guest.ts';
import { docKind } from '../../src/lib/server/collab/kinds.ts';
import { COLLAB_PATH } from '../../src/lib/collab/protocol.ts';

export type HandshakeResult =
	| { ok: false; status: 400 | 401 | 403 | 409 | 429; code: string; message: string }
	| {
			ok: true;
			docName: string;
			actor: Exclude<Actor, { kind: 'anonymous' }>;
			access: Access;
			cookies: Map<string, string>;
			sessionId: string | null;
	  };

/** What the policy says about one actor on one document right now. */
export interface Access {
	level: Level;
	canWrite: boolean;
	initiativeId: string;
	workshopId: string | null;
	presenceName: string;
}

/** The Origin check: the configured ORIGIN, or else the request's own host. */
export function originAllowed(app: App, req: http.IncomingMessage): boolean {
	const origin = req.headers.origin;
	// Browsers always send Origin on a WebSocket; other clients carry no ambient cookies.
	if (origin === undefined) return true;
	if (app.config.ORIGIN) return origin === new URL(app.config.ORIGIN).origin;
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		return false;
	}
	const host = req.headers.host;
	return !!host && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === host.toLowerCase();
}

/** Only the cookies that identify the actor are kept (for later re-checks). */
export function identityCookies(app: App, header: string | undefined): Map<string, string> {
	const wanted = new Set([sessionCookie(app.config.secureCookies).name, guestCookieName(app.config.secureCookies)]);
	const out = new Map<string, string>();
	for (const part of (header ?? '').split(';')) {
		const i = part.indexOf('=');
		if (i < 0) continue;
		const name = part.slice(0, i).trim();
		if (!wanted.has(name) || out.has(name)) continue;
		try {
			out.set(name, decodeURIComponent(part.slice(i + 1).trim()));
		} catch {
			// A malformed value is treated as absent.
		}
	}
	return out;
}

/** Asks the policy for the actor's access to a document; null when it has none. */
export async function accessFor(app: App, actor: Actor, docName: string): Promise<Access | null> {
	const resolved = await resolveDoc(app.db, actor, docName);
	if (!resolved) return null;
	const level = levelFor(actor, resolved.target);
	if (level === 'none') return null;
	const { kind } = resolved;
	const target = resolved.target as { workshop?: { workshopId: string } };
	return {
		level,
		canWrite: rank(level) >= rank(kind.socketWrite ?? 'write'),
		initiativeId: resolved.target.initiativeId,
		workshopId: target.workshop?.workshopId ?? null,
		presenceName: kind.presenceName ? kind.presenceName(actor) : 'name' in actor ? actor.name : ''
	};
}

/** Runs the whole upgrade check. */
export async function handshake(app: App, req: http.IncomingMessage): Promise<HandshakeResult> {
	if (!originAllowed(app, req)) {
		return { ok: false, status: 403, code: 'cross_origin', message: 'Anslutningen kom från en annan webbplats.' };
	}
	const path = (req.url ?? '').split('?')[0];
	const docName = path.startsWith(COLLAB_PATH) ? path.slice(COLLAB_PATH.length) : '';
	const cookies = identityCookies(app, req.headers.cookie);
	const resolved = await resolveActor(app, (name) => cookies.get(name));
	if (resolved.actor.kind === 'anonymous') {
		return { ok: false, status: 401, code: 'unauthenticated', message: 'Du behöver logga in.' };
	}
	// Unknown kinds, malformed ids, documents that do not exist and documents the actor may not
	// see all get the same answer, so the endpoint reveals nothing about what exists.
	const parsed = parseDocName(docName);
	const access = parsed ? await accessFor(app, resolved.actor, parsed.name) : null;
	if (!parsed || !access) {
		// The kind may explain its own refusal to whoever may know the document (never to others).
		const refusal = parsed ? await docKind(parsed.kind)?.refusal?.(app.db, resolved.actor, parsed.id) : null;
		if (refusal) return { ok: false, ...refusal };
		return { ok: false, status: 403, code: 'forbidden', message: 'Du har inte behörighet till dokumentet.' };
	}
	return {
		ok: true,
		docName: parsed.name,
		actor: resolved.actor,
		access,
		cookies,
		sessionId: resolved.session?.id ?? null
	};
}
