import { COLLAB_PATH } from './protocol.ts';

/** Where live documents are served: `/yjs/<docName>` on the page's own origin. */
export const LIVE_DOC_PATH = COLLAB_PATH.replace(/\/$/, '');

/**
 * The y-websocket server URL for a page location: `wss:` under https, `ws:` under http, same
 * host and port. The provider appends `/<docName>` itself.
 */
export function liveDocServerUrl(location: { protocol: string; host: string }): string {
	const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
	return `${scheme}//${location.host}${LIVE_DOC_PATH}`;
}

/** The login URL that brings the user back to `path` (same-site relative) afterwards. */
export function loginUrlFor(path: string): string {
	const safe = path.startsWith('/') && !path.startsWith('//') ? path : '/';
	return `/login?next=${encodeURIComponent(safe)}`;
}
