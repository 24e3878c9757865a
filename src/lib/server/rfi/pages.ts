/**
 * What the RFI pages share on the server: the same policy check as the API, turned into page
 * errors (404/403) or a sign-in redirect, and form input read into the API's own schemas, so a
 * page and the API refuse the same things with the same Swedish messages.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { ApiError } from '../http/api.ts';
import { loginUrl } from '../auth/web.ts';
import type { Action } from '../access/policy.ts';
import { authorizeRfi, type RfiResource } from './access.ts';
import type { Actor, InitiativeScope } from '../access/policy.ts';
import { can } from '../access/policy.ts';
import type { Db } from '../db/index.ts';
import { listNeeds } from '../needs/index.ts';
import { getVersion, listVersions } from '../requirements/versions.ts';

/** The round for a page, or the page's 404/403 (sign-in for visitors). */
export async function pageRfi(locals: App.Locals, url: URL, id: string, resource: RfiResource, action: Action) {
	if (locals.actor.kind !== 'user') redirect(303, loginUrl(url));
	try {
		return await authorizeRfi(locals, id, resource, action);
	} catch (err) {
		if (err instanceof ApiError) error(err.status, err.message);
		throw err;
	}
}

/** Runs a command for a form action: expected refusals become `fail()` with the message. */
export async function attempt<T>(run: () => Promise<T>, keep: Record<string, unknown> = {}) {
	try {
		return { ok: true as const, value: await run() };
	} catch (err) {
		if (err instanceof ApiError) return { ok: false as const, failure: fail(err.status, { ...keep, error: err.message, code: err.code }) };
		throw err;
	}
}

/**
 * A `datetime-local` value ("2027-01-20T13:00") read as Swedish local time, as an ISO instant
 * with offset — what the API takes. Empty or malformed input stays as it is for the schema to refuse.
 */
export function stockholmLocalToIso(local: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
	if (!m) return local;
	const [, y, mo, d, h, mi] = m.map(Number);
	const asUtc = Date.UTC(y, mo - 1, d, h, mi);
	// The offset Stockholm had at that wall-clock time (CET +1, CEST +2).
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(asUtc));
	const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
	const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
	const offsetMin = Math.round((shown - asUtc) / 60_000);
	const sign = offsetMin >= 0 ? '+' : '-';
	const abs = Math.abs(offsetMin);
	return `${local.trim()}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An instant as a `datetime-local` value in Swedish local time, for pre-filling forms. */
export function isoToStockholmLocal(iso: string): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(iso));
	const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
	return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/**
 * Questions from a round form: `q_text`, `q_kind`, `q_options` (one per line), `q_multiple`,
 * `q_id`, and the optional links `q_need` and `q_req` per row; empty rows are skipped.
 */
export function questionsFromForm(form: FormData) {
	const texts = form.getAll('q_text').map(String);
	const kinds = form.getAll('q_kind').map(String);
	const options = form.getAll('q_options').map(String);
	const ids = form.getAll('q_id').map(String);
	const needs = form.getAll('q_need').map(String);
	const reqs = form.getAll('q_req').map(String);
	const multiple = new Set(form.getAll('q_multiple').map(String));
	return texts
		.map((text, i) => ({
			...(ids[i] ? { id: ids[i] } : {}),
			text,
			kind: kinds[i] ?? 'text',
			...(needs[i] ? { needId: needs[i] } : {}),
			...(reqs[i] ? { requirementUid: reqs[i] } : {}),
			...(kinds[i] === 'choice'
				? {
						options: (options[i] ?? '')
							.split(/\r?\n/)
							.map((o) => o.trim())
							.filter(Boolean),
						multiple: multiple.has(String(i))
					}
				: {})
		}))
		.filter((q) => q.text.trim() !== '');
}

/** Form fields → the API's create schema, so the page refuses exactly what the API refuses. */
export function roundInput(form: FormData) {
	const version = String(form.get('requirementsVersion') ?? '');
	return {
		title: String(form.get('title') ?? ''),
		intro: String(form.get('intro') ?? ''),
		questionsDeadline: stockholmLocalToIso(String(form.get('questionsDeadline') ?? '')),
		answersDeadline: stockholmLocalToIso(String(form.get('answersDeadline') ?? '')),
		requirementsVersion: version ? Number(version) : null,
		open: form.get('open') === 'on',
		questions: questionsFromForm(form)
	};
}

/** Zod issues as one message per field (questions named by number). */
export function fieldErrors(issues: Array<{ path: PropertyKey[]; message: string }>) {
	const errors: Record<string, string> = {};
	for (const issue of issues) errors[String(issue.path[0] ?? 'form')] ??= issue.path[0] === 'questions' && issue.path.length > 1 ? `Fråga ${Number(issue.path[1]) + 1}: ${issue.message}` : issue.message;
	return errors;
}


/**
 * A supplier's answer form → the API's response body: `a_<questionId>` per question (several
 * values for multiple choice and files), and confidentiality rows `c_question`, `c_what`, `c_why`.
 */
export function responseFromForm(form: FormData, questions: Array<{ id: string; kind: string; multiple: boolean }>) {
	const answers = questions.map((q) => {
		const all = form.getAll(`a_${q.id}`).map(String).filter((v) => v !== '');
		let value: string | string[] | number | null = null;
		if (q.kind === 'scale') value = all[0] ? Number(all[0]) : null;
		else if (q.kind === 'file' || (q.kind === 'choice' && q.multiple)) value = all.length ? all : null;
		else value = all[0] ?? null;
		return { questionId: q.id, value };
	});
	const scopes = form.getAll('c_question').map(String);
	const whats = form.getAll('c_what').map(String);
	const whys = form.getAll('c_why').map(String);
	const confidentiality = whats
		.map((what, i) => ({ ...(scopes[i] ? { questionId: scopes[i] } : {}), what, why: whys[i] ?? '' }))
		.filter((c) => c.what.trim() !== '' || c.why.trim() !== '');
	const base = String(form.get('baseVersion') ?? '');
	return { answers, confidentiality, ...(base !== '' ? { baseVersion: Number(base) } : {}) };
}

/**
 * What a question may link to, for the round form: the initiative's needs, and each published
 * requirements version's requirements (the form offers those of the version attached) — only what
 * the reader may read.
 */
export async function linkChoices(db: Db, actor: Actor, scope: InitiativeScope) {
	const needs = can(actor, 'read', { resource: 'needs', initiative: scope }) ? (await listNeeds(db, scope.initiativeId)).map((n) => ({ id: n.id, title: n.title })) : [];
	const versions: Array<{ version: number; requirements: Array<{ uid: string; key: string; text: string }> }> = [];
	if (can(actor, 'read', { resource: 'requirements', initiative: scope })) {
		for (const v of await listVersions(db, actor, scope.initiativeId)) {
			const content = await getVersion(db, actor, scope.initiativeId, v.version);
			if (content) versions.push({ version: v.version, requirements: content.requirements.map((r) => ({ uid: r.uid, key: r.id, text: r.text.slice(0, 80) })) });
		}
	}
	return { needs, versions };
}
