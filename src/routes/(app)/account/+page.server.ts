import { error, fail, redirect } from '@sveltejs/kit';
import * as accounts from '#lib/server/auth/accounts.ts';
import { parseInput } from '#lib/server/auth/result.ts';
import { passwordChangeInput, profileInput } from '#lib/server/auth/schemas.ts';
import { fieldProblems, fromFailure, required, text } from '#lib/server/auth/forms.ts';
import { clearSessionCookie, loginUrl, requestMeta } from '#lib/server/auth/web.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function signedIn(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const { actor, session } = event.locals;
	if (actor.kind !== 'user' || !session) redirect(303, loginUrl(event.url));
	return { actor, session };
}

export const load: PageServerLoad = async (event) => {
	const { actor, session } = signedIn(event);
	const me = await accounts.me(event.locals.app.db, actor.userId);
	if (!me) error(404);
	return {
		me,
		sessions: await accounts.sessionsOf(event.locals.app, actor.userId, session.id)
	};
};

export const actions: Actions = {
	profile: async (event) => {
		const { actor } = signedIn(event);
		const form = await event.request.formData();
		const name = text(form, 'name').trim();
		const missing = required({ name }, ['name']);
		if (missing.length) return fail(400, { action: 'profile' as const, name, errors: missing });
		const parsed = parseInput(profileInput, { name });
		if (!parsed.ok) return fail(400, { action: 'profile' as const, name, errors: [fromFailure(parsed.failure)] });
		await accounts.updateProfile(event.locals.app, { actor, name: parsed.value.name });
		return { action: 'profile' as const, saved: true };
	},

	password: async (event) => {
		const { actor, session } = signedIn(event);
		const form = await event.request.formData();
		const values = { currentPassword: text(form, 'currentPassword'), newPassword: text(form, 'newPassword') };
		const missing = required(values, ['currentPassword', 'newPassword']);
		if (missing.length) return fail(400, { action: 'password' as const, errors: missing });
		// A weak new password is reported before the current one is checked: it needs no attempt.
		const weak = fieldProblems({ password: values.newPassword }).map((e) => ({ ...e, field: 'newPassword' }));
		if (weak.length) return fail(400, { action: 'password' as const, errors: weak });
		const parsed = parseInput(passwordChangeInput, values);
		if (!parsed.ok) return fail(400, { action: 'password' as const, errors: [fromFailure(parsed.failure)] });
		const result = await accounts.changePassword(event.locals.app, {
			actor,
			sessionId: session.id,
			input: parsed.value,
			meta: requestMeta(event)
		});
		if (!result.ok) return fail(result.failure.status, { action: 'password' as const, errors: [fromFailure(result.failure)] });
		return { action: 'password' as const, changed: true, endedSessions: result.value.endedSessions };
	},

	revoke: async (event) => {
		const { actor, session } = signedIn(event);
		const form = await event.request.formData();
		const sessionId = text(form, 'sessionId');
		const ended = await accounts.revokeSession(event.locals.app, { userId: actor.userId, sessionId });
		if (!ended) return fail(404, { action: 'revoke' as const, errors: [{ code: 'not_found' }] });
		if (sessionId === session.id) {
			clearSessionCookie(event.cookies, event.locals.app);
			redirect(303, '/login?signedOut');
		}
		return { action: 'revoke' as const, revoked: true };
	}
};
