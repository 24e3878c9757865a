import { json } from '@sveltejs/kit';
import { endpoint, errorResponse, readJson } from '#lib/server/http/api.ts';
import { deviceOf, setJoinCookies } from '#lib/server/workshops/cookies.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { joinSchema } from '#lib/server/workshops/validation.ts';
import type { RequestHandler } from './$types';

/**
 * Joins a running workshop by its code; a visitor gets a guest session scoped to it, or resumes
 * the guest this browser already is there (device cookie).
 */
export const POST: RequestHandler = endpoint(async ({ locals, request, cookies }) => {
	const body = await readJson(request, joinSchema);
	try {
		const secure = locals.app.config.secureCookies;
		const r = await workshops.joinWorkshop(locals.app, {
			actor: locals.actor,
			ip: locals.ip,
			code: body.code,
			displayName: body.displayName,
			device: deviceOf(cookies, secure)
		});
		setJoinCookies(cookies, secure, r);
		return json({ workshopId: r.workshopId, docName: r.docName, landing: r.landing });
	} catch (err) {
		if (err instanceof workshops.RateLimited) {
			return errorResponse(429, err.code, err.message, { 'retry-after': String(err.retryAfter) });
		}
		throw err;
	}
});
