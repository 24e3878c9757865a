/**
 * What the pilot pages share on the server: the same policy check as the API turned into page
 * errors (404/403) or a sign-in redirect, and form fields read into the API's own schemas, so a
 * page and the API refuse the same things with the same Swedish messages.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { ApiError } from '../http/api.ts';
import { loginUrl } from '../auth/web.ts';
import { memberships, organisations, users } from '../db/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { Action, PilotResource } from '../access/policy.ts';
import { authorizePilot } from './access.ts';
import { parseSvNumber } from './numbers.ts';
import type { App } from '../app.ts';
import { recordValues } from './commands.ts';
import { pointsOf } from './queries.ts';
import { parseValuesCsv } from './values-csv.ts';
import { valueSchema } from './validation.ts';

/** The pilot for a page (and, for buyer pages, of this initiative), or the page's 404/403. */
export async function pagePilot(locals: App.Locals, url: URL, pilotId: string, resource: PilotResource, action: Action, initiativeId?: string) {
	if (locals.actor.kind !== 'user') redirect(303, loginUrl(url));
	try {
		const ctx = await authorizePilot(locals, pilotId, resource, action);
		if (initiativeId !== undefined && ctx.pilot.initiativeId !== initiativeId.toLowerCase()) error(404, 'Finns inte.');
		return ctx;
	} catch (err) {
		if (err instanceof ApiError) error(err.status, err.message);
		throw err;
	}
}

const str = (form: FormData, k: string) => String(form.get(k) ?? '').trim();
const all = (form: FormData, k: string) => form.getAll(k).map((v) => String(v).trim());
/** A typed figure: empty → undefined, a Swedish number → the number, anything else NaN (the schema refuses it). */
export function figure(text: string): number | undefined {
	if (!text.trim()) return undefined;
	return parseSvNumber(text) ?? Number.NaN;
}

/** The create form → `createPilotSchema` input. */
export function createFromForm(form: FormData) {
	const opt = (k: string) => str(form, k) || undefined;
	return {
		title: str(form, 'title'),
		kind: str(form, 'kind'),
		route: opt('route'),
		valueSek: figure(str(form, 'valueSek')) ?? Number.NaN,
		directAwardReason: opt('directAwardReason'),
		organisationIds: all(form, 'organisationIds'),
		needIds: all(form, 'needIds'),
		decisionMakers: all(form, 'decisionMakers').length ? all(form, 'decisionMakers') : undefined,
		startDate: opt('startDate'),
		endDate: opt('endDate'),
		gateDate: opt('gateDate')
	};
}

/** The structured plan form: activity rows `act_*`, risk rows `risk_*`; rows left empty are dropped. */
export function planFromForm(form: FormData) {
	const at = all(form, 'act_title');
	const activities = at
		.map((title, i) => ({ id: all(form, 'act_id')[i] || undefined, title, start: all(form, 'act_start')[i] ?? '', end: all(form, 'act_end')[i] || null, owner: all(form, 'act_owner')[i] ?? '', status: all(form, 'act_status')[i] || 'planned' }))
		.filter((a) => a.title || a.start || a.owner);
	const risks = all(form, 'risk_text')
		.map((risk, i) => ({
			id: all(form, 'risk_id')[i] || undefined,
			risk,
			likelihood: Number(all(form, 'risk_likelihood')[i] ?? ''),
			impact: Number(all(form, 'risk_impact')[i] ?? ''),
			mitigation: all(form, 'risk_mitigation')[i] ?? '',
			owner: all(form, 'risk_owner')[i] ?? ''
		}))
		.filter((r) => r.risk || r.mitigation || r.owner);
	return { startDate: str(form, 'startDate') || null, endDate: str(form, 'endDate') || null, gateDate: str(form, 'gateDate') || null, activities, risks };
}

/** Measurement point rows `pt_*`; a row without a name is dropped. */
export function pointsFromForm(form: FormData) {
	const names = all(form, 'pt_name');
	const col = (k: string, i: number) => all(form, `pt_${k}`)[i] ?? '';
	const delegated = new Set(all(form, 'pt_supplier'));
	return {
		points: names
			.map((name, i) => {
				const baselineValue = figure(col('baseline', i));
				return {
					id: col('id', i) || undefined,
					needId: col('need', i) || null,
					name,
					unit: col('unit', i),
					direction: col('direction', i) || 'up',
					baseline: baselineValue === undefined ? null : { value: baselineValue, date: col('baselineDate', i), source: col('baselineSource', i) },
					target: figure(col('target', i)) ?? Number.NaN,
					method: col('method', i),
					frequency: col('frequency', i),
					responsible: col('responsible', i),
					supplierReports: delegated.has(String(i))
				};
			})
			.filter((p) => p.name)
	};
}

export function fieldErrors(issues: Array<{ path: PropertyKey[]; message: string }>) {
	const errors: Record<string, string> = {};
	for (const issue of issues) {
		const [head, index] = issue.path;
		const key = typeof index === 'number' ? `${String(head)}.${index}` : String(head ?? 'form');
		errors[key] ??= typeof index === 'number' ? `${Number(index) + 1}: ${issue.message}` : issue.message;
	}
	return errors;
}

/** Supplier organisations a pilot can be bought from, by name. */
export async function supplierChoices(db: Db) {
	return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.kind, 'supplier')).orderBy(asc(organisations.name)).limit(500);
}

/** Buyer-side members of the initiative (who may be named decision makers). */
export async function decisionMakerChoices(db: Db, initiativeId: string) {
	const rows = await db
		.select({ id: users.id, name: users.name, role: memberships.role, kind: organisations.kind })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(memberships.initiativeId, initiativeId))
		.orderBy(asc(users.name));
	return rows.filter((r) => r.kind === 'buyer').map(({ id, name, role }) => ({ id, name, role }));
}

type PilotCtx = Awaited<ReturnType<typeof authorizePilot>>;

/** The one-value form (buyer page and supplier portal alike). */
export async function recordOneFromForm(app: App, ctx: PilotCtx, f: FormData) {
	const raw = { pointId: String(f.get('pointId') ?? ''), date: String(f.get('date') ?? ''), value: figure(String(f.get('value') ?? '')) ?? Number.NaN, note: String(f.get('note') ?? '') };
	const parsed = valueSchema.safeParse(raw);
	if (!parsed.success) return fail(400, { form: 'value', errors: fieldErrors(parsed.error.issues) });
	try {
		const r = await recordValues(app, ctx.actor, ctx, [{ ...parsed.data, row: 1 }]);
		if (r.rejected.length) return fail(400, { form: 'value', errors: { form: r.rejected[0].error } });
	} catch (err) {
		if (err instanceof ApiError) return fail(err.status, { form: 'value', errors: { form: err.message } });
		throw err;
	}
	return { form: 'value', saved: true };
}

/** The CSV form: the first post previews (good rows, bad rows with errors); `step=import` writes. */
export async function csvFromForm(app: App, ctx: PilotCtx, f: FormData) {
	const file = f.get('file');
	const text = file instanceof File && file.size ? await file.text() : String(f.get('csv') ?? '');
	if (text.length > 512 * 1024) return fail(413, { form: 'csv', errors: { form: 'Filen är för stor.' } });
	const points = await pointsOf(app.db, ctx.pilot.id);
	const parsed = parseValuesCsv(text, points);
	if (parsed.fileError) return fail(400, { form: 'csv', errors: { form: parsed.fileError } });
	const names = new Map(points.map((p) => [p.id, p.name]));
	const preview = { csv: text, rows: parsed.rows.map((r) => ({ ...r, point: names.get(r.pointId) ?? '' })), rejected: parsed.rejected };
	if (f.get('step') !== 'import') return { form: 'csv', preview };
	try {
		return { form: 'csv', imported: await recordValues(app, ctx.actor, ctx, parsed.rows, parsed.rejected, 'csv') };
	} catch (err) {
		if (err instanceof ApiError) return fail(err.status, { form: 'csv', errors: { form: err.message } });
		throw err;
	}
}
