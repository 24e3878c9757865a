/**
 * WebSocket close codes of the live-document server (`server/collab`), and what the browser
 * does about each. The 4400–4499 range mirrors HTTP 4xx: the server decided, so retrying the
 * same connection blindly cannot help.
 */
import { CLOSE } from './protocol.ts';

export const CLOSE_UNAUTHENTICATED: number = CLOSE.unauthenticated;
export const CLOSE_FORBIDDEN: number = CLOSE.forbidden;
/** Not sent by the server today (it refuses unknown documents at the upgrade); treated like 4403. */
export const CLOSE_NOT_FOUND = 4404;
/**
 * Access may have changed (role change, removal, phase): reload what the page shows, then
 * reconnect and be checked again. The server sends `CLOSE.accessChanged`; 4409 is accepted too.
 */
export const CLOSE_ACCESS_CHANGED: number = CLOSE.accessChanged;
const CLOSE_ACCESS_CHANGED_ALT = 4409;

/**
 * - `sign-in`: the session is gone; go to the login page.
 * - `denied`: the actor may no longer see the document; stop and say so.
 * - `recheck`: reload the page data (abilities may differ) and reconnect.
 * - `retry`: a transient problem (network, restart, going away); reconnect with backoff.
 * - `fatal`: any other deliberate refusal; stop and show a generic error.
 */
export type CloseAction = 'sign-in' | 'denied' | 'recheck' | 'retry' | 'fatal';

export function closeAction(code: number): CloseAction {
	switch (code) {
		case CLOSE_UNAUTHENTICATED:
			return 'sign-in';
		case CLOSE_FORBIDDEN:
		case CLOSE_NOT_FOUND:
			return 'denied';
		case CLOSE_ACCESS_CHANGED:
		case CLOSE_ACCESS_CHANGED_ALT:
			return 'recheck';
	}
	return code >= 4400 && code < 4500 ? 'fatal' : 'retry';
}
