/**
 * What the supplier's tender pages share on the server: the same policy check as the API, turned into page
 * errors (404/403) or a sign-in redirect, and the supplier's tender form read into the API's own
 * schemas, so a page and the API refuse the same things with the same Swedish messages.
 */
import { error, redirect } from '@sveltejs/kit';
import { ApiError } from '../http/api.ts';
import { loginUrl } from '../auth/web.ts';
import type { Action, TenderResource } from '../access/policy.ts';
import { authorizeTender } from './access.ts';

/** The round for a page, or the page's 404/403 (sign-in for visitors). */
export async function pageTender(locals: App.Locals, url: URL, id: string, resource: TenderResource, action: Action) {
	if (locals.actor.kind !== 'user') redirect(303, loginUrl(url));
	try {
		return await authorizeTender(locals, id, resource, action);
	} catch (err) {
		if (err instanceof ApiError) error(err.status, err.message);
		throw err;
	}
}

/** "1 250 000,50" or "1250000.5" as a number; null for empty, NaN for anything else (the schema refuses it). */
export function priceFromForm(value: string): number | null {
	const cleaned = value.replace(/[\s\u00a0\u202f]/g, '').replace(/kr$/i, '').replace(',', '.');
	if (cleaned === '') return null;
	return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/**
 * A supplier's tender form → the body of `POST …/submissions` (and of the draft): `a_<requirementId>`
 * per requirement (empty answers left out), `price`, `attachment` (file ids), and confidentiality
 * rows `c_req`, `c_what`, `c_why` (rows left wholly empty are skipped).
 */
export function tenderFromForm(form: FormData, requirementIds: string[]) {
	const answers = requirementIds.map((id) => ({ requirementId: id, value: String(form.get(`a_${id}`) ?? '') })).filter((a) => a.value.trim() !== '');
	const scopes = form.getAll('c_req').map(String);
	const whys = form.getAll('c_why').map(String);
	const confidentiality = form
		.getAll('c_what')
		.map(String)
		.map((what, i) => ({ ...(scopes[i] ? { requirementId: scopes[i] } : {}), what, why: whys[i] ?? '' }))
		.filter((c) => c.what.trim() !== '' || c.why.trim() !== '');
	const attachments = [...new Set(form.getAll('attachment').map(String).filter(Boolean))];
	return { answers, priceSek: priceFromForm(String(form.get('price') ?? '')), confidentiality, attachments };
}
