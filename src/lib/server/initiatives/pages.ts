/**
 * Page-side access for the initiative pages and form actions: the same policy question as the
 * API (`authorizeInitiative`), answered the SvelteKit way — sign-in redirect for anonymous
 * visitors, the 404 page for what the reader may not know exists, 403 for what they may see
 * but not do.
 */
import { error, redirect } from '@sveltejs/kit';
import type { Action, Actor, InitiativeResource } from '../access/policy.ts';
import type { App } from '../app.ts';
import { loginUrl } from '../auth/web.ts';
import { ApiError } from '../http/api.ts';
import { authorizeInitiative, type Authorized } from './access.ts';

export async function pageAuthorize(
	event: { locals: { app: App; actor: Actor }; params: { id?: string }; url: URL },
	resource: InitiativeResource,
	action: Action
): Promise<Authorized> {
	if (event.locals.actor.kind !== 'user') redirect(303, loginUrl(event.url));
	try {
		return await authorizeInitiative(event.locals, event.params.id, resource, action);
	} catch (err) {
		if (err instanceof ApiError) error(err.status === 403 ? 403 : 404, err.message);
		throw err;
	}
}

/** A text field from form data ('' when absent or not text). */
export function field(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
}
