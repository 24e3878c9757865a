/**
 * What the tender pages share on the server: the API's own policy check turned into
 * page errors (404/403) or a sign-in redirect, and form fields read into the API's own schemas, so
 * a page and the API refuse the same things with the same Swedish messages. The RFI pages' helpers
 * for commands, field errors and Stockholm times are reused as they are.
 */
import { error, redirect } from '@sveltejs/kit';
import { ApiError } from '../http/api.ts';
import { loginUrl } from '../auth/web.ts';
import type { Action, Actor, TenderResource } from '../access/policy.ts';
import type { Db } from '../db/index.ts';
import { listMembers } from '../initiatives/queries.ts';
import { stockholmLocalToIso } from '../rfi/pages.ts';
import { authorizeTender } from './access.ts';

/** The round for a page (buyer's or supplier's), or the page's 404/403 (sign-in for visitors). */
export async function pageTender(locals: App.Locals, url: URL, tenderId: string, resource: TenderResource, action: Action) {
	if (locals.actor.kind !== 'user') redirect(303, loginUrl(url));
	try {
		return await authorizeTender(locals, tenderId, resource, action);
	} catch (err) {
		if (err instanceof ApiError) error(err.status, err.message);
		throw err;
	}
}

/** The round for a buyer-side page, only under its own initiative; otherwise the page's 404/403. */
export async function buyerPageTender(locals: App.Locals, url: URL, initiativeId: string, tenderId: string, resource: TenderResource, action: Action) {
	const ctx = await pageTender(locals, url, tenderId, resource, action);
	// Suppliers have their own pages; the buyer team's page never shows to them.
	if (ctx.tender.initiativeId !== initiativeId || ctx.actor.organisationKind !== 'buyer') error(404, 'Finns inte.');
	return ctx;
}

/** Team members who may be named openers: buyer-side process leaders and team members. */
export async function openerChoices(db: Db, initiativeId: string, viewer: Actor) {
	const members = await listMembers(db, initiativeId, viewer);
	return members
		.filter((m) => m.organisation.kind === 'buyer' && (m.role === 'process_leader' || m.role === 'team'))
		.map((m) => ({ id: m.user.id, name: m.user.name, organisation: m.organisation.name, label: m.label }));
}

export interface CriterionRow {
	name: string;
	weight: string;
	kind: string;
	requirementIds: string[];
}

/**
 * The "new tender round" form → the API's create body. Criteria rows are `c_name`, `c_weight`,
 * `c_kind` and, per row `i`, the linked requirements `c_req_<i>`; rows left empty are skipped.
 * Returns the body for the schema and the values to put back in the form on refusal.
 */
export function tenderInput(form: FormData) {
	const names = form.getAll('c_name').map(String);
	const weights = form.getAll('c_weight').map(String);
	const kinds = form.getAll('c_kind').map(String);
	const rows: CriterionRow[] = names.map((name, i) => ({
		name,
		weight: weights[i] ?? '',
		kind: kinds[i] ?? 'quality',
		requirementIds: form.getAll(`c_req_${i}`).map(String)
	}));
	const kept = rows.filter((r) => r.name.trim() !== '' || r.weight.trim() !== '');
	const version = String(form.get('requirementsVersion') ?? '');
	const deadline = String(form.get('deadline') ?? '');
	const openers = form.getAll('openers').map(String);
	const title = String(form.get('title') ?? '');
	const body = {
		title,
		requirementsVersion: version ? Number(version) : null,
		deadline: stockholmLocalToIso(deadline),
		openers,
		criteria: kept.map((r) => ({
			name: r.name,
			weight: r.weight.trim() === '' ? null : Number(r.weight.replace(',', '.')),
			kind: r.kind,
			...(r.kind === 'quality' && r.requirementIds.length ? { requirementIds: r.requirementIds } : {})
		}))
	};
	return { body, values: { title, requirementsVersion: version, deadline, openers, criteria: kept } };
}

/** Zod issues as one message per field; criteria named by their row number. */
export function tenderFieldErrors(issues: Array<{ path: PropertyKey[]; message: string }>) {
	const errors: Record<string, string> = {};
	for (const issue of issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= field === 'criteria' && issue.path.length > 1 ? `Kriterium ${Number(issue.path[1]) + 1}: ${issue.message}` : issue.message;
	}
	return errors;
}

/** Which form field a command's refusal belongs to, so the message shows beside it. */
export function fieldOfCode(code: string): string {
	switch (code) {
		case 'deadline_in_past':
			return 'deadline';
		case 'unknown_version':
			return 'requirementsVersion';
		case 'invalid_openers':
			return 'openers';
		case 'unknown_requirement':
			return 'criteria';
		default:
			return 'form';
	}
}
