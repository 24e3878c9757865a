import { fail, redirect } from '@sveltejs/kit';
import { ApiError } from '#lib/server/http/api.ts';
import { deviceOf, setJoinCookies } from '#lib/server/workshops/cookies.ts';
import * as workshops from '#lib/server/workshops/index.ts';
import { normaliseJoinCode } from '#lib/server/workshops/codes.ts';
import { displayNameSchema } from '#lib/server/workshops/validation.ts';
import type { Actions, PageServerLoad } from './$types';

/** Join by code: `/join` or `/join/ABCDEF` (what the QR code opens). */
export const load: PageServerLoad = async ({ params, locals }) => ({
	code: params.code ? (normaliseJoinCode(params.code) ?? params.code.slice(0, 12)) : '',
	signedIn: locals.actor.kind === 'user',
	guestOf: locals.actor.kind === 'guest' ? locals.actor.workshopId : null
});

export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		const form = await request.formData();
		const code = String(form.get('code') ?? '').slice(0, 32);
		const displayName = String(form.get('displayName') ?? '');
		const errors: { code?: string; displayName?: string } = {};
		if (!code.trim()) errors.code = 'Skriv koden du har fått av facilitatorn.';
		const name = displayNameSchema.safeParse(displayName);
		if (locals.actor.kind !== 'user' && !name.success) errors.displayName = name.error.issues[0].message;
		if (errors.code || errors.displayName) return fail(400, { code, displayName, errors });
		const secure = locals.app.config.secureCookies;
		let result: workshops.JoinResult;
		try {
			result = await workshops.joinWorkshop(locals.app, {
				actor: locals.actor,
				ip: locals.ip,
				code,
				displayName: name.success ? name.data : '',
				device: deviceOf(cookies, secure)
			});
		} catch (err) {
			if (err instanceof ApiError) {
				const field = err.code === 'unknown_code' || err.code === 'workshop_not_started' ? 'code' : 'form';
				return fail(err.status, { code, displayName, errors: { [field]: err.message } as Record<string, string> });
			}
			throw err;
		}
		setJoinCookies(cookies, secure, result);
		redirect(303, result.landing);
	}
};
