/**
 * Request guards that SvelteKit's own origin check does not cover: it checks only form content
 * types, so JSON writes to `/api` need their own cross-site check (SECURITY.md #13).
 */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing API request that a browser marks as cross-site, or whose Origin is
 * not ours. Requests with neither header (server-to-server clients, curl) are allowed: they
 * carry no ambient browser credentials unless they were given a cookie explicitly.
 */
export function crossSiteRefusal(request: Request, ownOrigin: string): string | null {
	if (SAFE.has(request.method)) return null;
	const fetchSite = request.headers.get('sec-fetch-site');
	if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return 'cross_site';
	const origin = request.headers.get('origin');
	if (origin && origin !== ownOrigin) return 'cross_origin';
	return null;
}

/** Security headers set on every response (CSP comes from SvelteKit's `csp` option). */
export function securityHeaders(secure: boolean): Record<string, string> {
	const h: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'x-frame-options': 'DENY',
		'permissions-policy': 'camera=(), microphone=(), geolocation=()',
		'cross-origin-opener-policy': 'same-origin'
	};
	if (secure) h['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	return h;
}
