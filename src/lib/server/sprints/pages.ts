/**
 * What the sprint pages share on the server: the same policy checks as the API (`access.ts`),
 * turned into page errors (404/403/409) or a sign-in redirect, and form values read into the
 * API's own schemas, so a page and the API refuse the same things with the same messages.
 */
import { error, redirect } from '@sveltejs/kit';
import { ApiError } from '../http/api.ts';
import { loginUrl } from '../auth/web.ts';
import type { Action } from '../access/policy.ts';
import { authorizeRoom, authorizeSprint, type AuthorizeRoomOptions } from './access.ts';

export { attempt } from '../rfi/pages.ts';
export { stockholmLocalToIso, isoToStockholmLocal } from '../rfi/pages.ts';

function asPageError(err: unknown): never {
	if (err instanceof ApiError) error(err.status, err.message);
	throw err;
}

/** The sprint for a page, or the page's 404/403 (sign-in for visitors). */
export async function pageSprint(locals: App.Locals, url: URL, id: string, resource: 'sprint' | 'sprint_parity', action: Action) {
	if (locals.actor.kind !== 'user') redirect(303, loginUrl(url));
	try {
		return await authorizeSprint(locals, id, resource, action);
	} catch (err) {
		asPageError(err);
	}
}

/** The room for a page, or the page's 404/403/409 (sign-in for visitors). */
export async function pageRoom(locals: App.Locals, url: URL, id: string, action: Action, options?: AuthorizeRoomOptions) {
	if (locals.actor.kind !== 'user') redirect(303, loginUrl(url));
	try {
		return await authorizeRoom(locals, id, 'sprint_room', action, options);
	} catch (err) {
		asPageError(err);
	}
}

/** Non-empty lines of a textarea (sprint questions). */
export function lines(value: FormDataEntryValue | null): string[] {
	return String(value ?? '')
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean);
}

/** A form field as a string, or undefined when empty. */
export function optional(value: FormDataEntryValue | null): string | undefined {
	const s = typeof value === 'string' ? value.trim() : '';
	return s ? s : undefined;
}
