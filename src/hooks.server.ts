/**
 * Every request passes here: the app context, the language, the actor (from the session or
 * guest cookie), the API's own cross-site check, security headers, and no caching of anything
 * personal. Authorization itself happens in loads and endpoints through the policy module.
 */
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { sequence } from '@sveltejs/kit/hooks';
import { getApp } from '#lib/server/app.ts';
import '#lib/server/capabilities.ts';
import { resolveActor } from '#lib/server/auth/actor.ts';
import { crossSiteRefusal, securityHeaders } from '#lib/server/http/guard.ts';
import { errorResponse } from '#lib/server/http/api.ts';
import { formTextProblem, URL_MESSAGES, urlProblem } from '#lib/server/http/text.ts';
import { m } from '#lib/paraglide/messages.js';
import { error, json } from '@sveltejs/kit';
import { paraglideMiddleware } from '#lib/paraglide/server.js';

export const init: ServerInit = async () => {
	await getApp();
};

const context: Handle = async ({ event, resolve }) => {
	const app = await getApp();
	event.locals.app = app;
	event.locals.ip = clientIp(event, app.config.TRUST_PROXY);
	const resolved = await resolveActor(app, (name) => event.cookies.get(name));
	event.locals.actor = resolved.actor;
	event.locals.session = resolved.session;
	event.locals.sessionToken = resolved.sessionToken;
	return resolve(event);
};

function clientIp(event: Parameters<Handle>[0]['event'], trustProxy: boolean): string {
	if (trustProxy) {
		const xff = event.request.headers.get('x-forwarded-for');
		if (xff) return xff.split(',')[0].trim();
	}
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

const locale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ locale }) => {
		event.locals.locale = locale as 'sv' | 'en';
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
	});

const apiGuard: Handle = async ({ event, resolve }) => {
	if (event.url.pathname.startsWith('/api/')) {
		const own = event.locals.app.config.ORIGIN ?? event.url.origin;
		const refusal = crossSiteRefusal(event.request, own);
		if (refusal) {
			event.locals.app.log.warn('api.cross_site_refused', { path: event.url.pathname, reason: refusal, ip: event.locals.ip });
			return errorResponse(403, refusal, 'Förfrågan kom från en annan webbplats och avvisades.');
		}
	}
	return resolve(event);
};

/**
 * The text rule (`text.ts`) for addresses and form posts. An address that does not decode, or
 * whose path or query carries a control character, names nothing: it is answered before any
 * route can pass the value to the database (the JSON API in its error shape). Form actions read
 * fields by hand as often as through a schema, so a form field with a control character (NUL
 * included, which PostgreSQL refuses) is answered 400 before any action runs. JSON bodies get
 * the same check in `readJson`.
 */
/** What people filling in a form are told, in their language (the API answers in Swedish). */
const FORM_TEXT_MESSAGES = {
	lone_surrogate: m.forms_text_lone_surrogate,
	control_character: m.forms_text_control_character,
	line_break: m.forms_text_line_break
};

const textGuard: Handle = async ({ event, resolve }) => {
	const bad = urlProblem(event.url);
	if (bad) {
		if (event.url.pathname.startsWith('/api/')) return errorResponse(bad.status, bad.code, URL_MESSAGES[bad.code]);
		const options = { locale: event.locals.locale };
		const message = bad.code === 'malformed_uri' ? m.forms_url_malformed({}, options) : bad.code === 'invalid_text' ? m.forms_text_control_character({}, options) : m.error_not_found({}, options);
		error(bad.status, { code: bad.code, message });
	}
	if (event.request.method === 'POST' && !event.url.pathname.startsWith('/api/')) {
		const problem = await formTextProblem(event.request);
		if (problem) {
			const refusal = { code: 'invalid_text', message: FORM_TEXT_MESSAGES[problem]({}, { locale: event.locals.locale }) };
			// An enhanced form (`use:enhance`) reads an action result: an `error` result shows the
			// error page with the message; a plain form post gets the error page directly.
			if ((event.request.headers.get('accept') ?? '').includes('application/json')) return json({ type: 'error', error: refusal }, { status: 400 });
			error(400, refusal);
		}
	}
	return resolve(event);
};

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const secure = event.url.protocol === 'https:';
	for (const [k, v] of Object.entries(securityHeaders(secure))) {
		if (!response.headers.has(k)) response.headers.set(k, v);
	}
	// Pages and API answers carry personal and procurement data: never cache them.
	if (!event.url.pathname.startsWith('/_app/') && !response.headers.has('cache-control')) {
		response.headers.set('cache-control', 'no-store');
	}
	return response;
};

export const handle = sequence(context, locale, apiGuard, headers, textGuard);

/**
 * Unexpected errors are logged with an id and answered generically (never a stack trace).
 * App errors (`error(404, …)`) and framework errors (unknown routes) keep their own message.
 */
export const handleError: HandleServerError = async (caught) => {
	if (caught.kind !== 'unknown') return;
	const { error, event } = caught;
	const id = crypto.randomUUID();
	const app = await getApp();
	app.log.error('http.unhandled', {
		id,
		path: event.url.pathname,
		method: event.request.method,
		error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
		stack: error instanceof Error ? error.stack : undefined
	});
	return { code: 'internal', message: `Ett oväntat fel inträffade (id ${id}).` };
};
