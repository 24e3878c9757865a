/**
 * SvelteKit glue for the account service: the session cookie, request metadata, safe
 * post-login redirects, and failures as API responses. Routes stay thin by using these.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { errorResponse } from '../http/api.ts';
import { limitsFrom, sessionCookie } from './session.ts';
import type { Failure } from './result.ts';
import type { RequestMeta } from './accounts.ts';
import type { App } from '../app.ts';

/** Sets the session cookie: HttpOnly, SameSite=Lax, path /, Secure + `__Host-` under https; lives as long as the session may. */
export function setSessionCookie(cookies: Cookies, app: App, token: string): void {
	const { name, options } = sessionCookie(app.config.secureCookies);
	cookies.set(name, token, { ...options, maxAge: Math.floor(limitsFrom(app.config).absoluteMs / 1000) });
}

export function clearSessionCookie(cookies: Cookies, app: App): void {
	const { name, options } = sessionCookie(app.config.secureCookies);
	cookies.delete(name, options);
}

export function requestMeta(event: Pick<RequestEvent, 'request' | 'locals'>): RequestMeta {
	return { ip: event.locals.ip, userAgent: event.request.headers.get('user-agent') };
}

/** The `{error:{code,message}}` answer for a service failure, with `Retry-After` on 429. */
export function failureResponse(f: Failure): Response {
	return errorResponse(f.status, f.code, f.message, f.retryAfter ? { 'retry-after': String(f.retryAfter) } : undefined);
}

export const DEFAULT_AFTER_LOGIN = '/initiatives';

/**
 * Where to go after signing in: `next` when it is a path on this site, else the default.
 * Absolute URLs, protocol-relative `//host`, backslash tricks and control characters are
 * refused, so the login page cannot be used to send people elsewhere (open redirect).
 */
export function safeNext(next: string | null | undefined, fallback = DEFAULT_AFTER_LOGIN): string {
	if (!next || next.length > 2000) return fallback;
	if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\') || /[\u0000-\u001f\u007f]/.test(next)) return fallback;
	try {
		const base = 'http://brygga.invalid';
		const url = new URL(next, base);
		if (url.origin !== base) return fallback;
		const path = url.pathname + url.search + url.hash;
		// Do not bounce back into the sign-in pages themselves.
		if (/^\/(login|signup|logout)(\/|$|\?)/.test(path)) return fallback;
		return path;
	} catch {
		return fallback;
	}
}

/** The login URL that brings the visitor back to `url` afterwards. */
export function loginUrl(url: URL): string {
	return `/login?next=${encodeURIComponent(url.pathname + url.search)}`;
}

/** A `fallback` handler: 405 in the API's error shape, with the `Allow` header HTTP requires. */
export function methodNotAllowed(...allow: string[]) {
	return ({ request }: { request: Request }): Response =>
		errorResponse(405, 'method_not_allowed', `Metoden ${request.method} stöds inte här. Tillåtna: ${allow.join(', ')}.`, {
			allow: allow.join(', ')
		});
}
