import { error, fail, redirect } from '@sveltejs/kit';
import { can, decide, type Actor, type UserActor } from '#lib/server/access/policy.ts';
import * as advisor from '#lib/server/advisor/index.ts';
import { ThresholdBody } from '#lib/server/advisor/validation.ts';
import type { Actions, PageServerLoad } from './$types';

function requireLevel(actor: Actor, action: 'read' | 'admin', path: string): UserActor {
	if (actor.kind === 'anonymous') redirect(303, `/login?next=${encodeURIComponent(path)}`);
	const verdict = decide(actor, action, { resource: 'thresholds' });
	if (verdict === 'not_found') error(404, 'Finns inte.');
	if (verdict === 'forbidden') error(403, 'Bara plattformsadministratörer kan ändra tröskelvärden.');
	return actor as UserActor;
}

/** Dated thresholds: everyone signed in reads them; platform administrators edit. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireLevel(locals.actor, 'read', url.pathname);
	const thresholds = await advisor.listThresholds(locals.app.db);
	const overdue = advisor.overdueForReview(thresholds, advisor.isoDay(new Date())).map((t) => t.id);
	return { thresholds, overdue, canEdit: can(actor, 'admin', { resource: 'thresholds' }) };
};

function fromForm(form: FormData) {
	const s = (k: string) => String(form.get(k) ?? '').trim();
	const sekText = s('sek').replace(/[\s\u00a0]/g, '');
	return {
		raw: { name: s('name'), buyerKind: s('buyerKind'), purchaseKind: s('purchaseKind'), sek: s('sek'), validFrom: s('validFrom'), validTo: s('validTo'), reviewBy: s('reviewBy'), source: s('source') },
		candidate: {
			name: s('name'),
			buyerKind: s('buyerKind') || null,
			purchaseKind: s('purchaseKind') || null,
			sek: /^\d+$/.test(sekText) ? Number(sekText) : NaN,
			validFrom: s('validFrom'),
			validTo: s('validTo') || null,
			reviewBy: s('reviewBy') || null,
			source: s('source')
		}
	};
}

function issues(result: ReturnType<typeof ThresholdBody.safeParse>): Record<string, string> {
	const out: Record<string, string> = {};
	if (result.success) return out;
	for (const i of result.error.issues) {
		const k = String(i.path[0] ?? 'form');
		if (out[k]) continue;
		out[k] = k === 'sek' ? 'Ange beloppet i hela kronor.' : k === 'name' ? 'Välj vilket värde det gäller.' : i.message;
	}
	return out;
}

function idOf(form: FormData): number | null {
	const v = String(form.get('id') ?? '');
	return /^[1-9]\d{0,15}$/.test(v) ? Number(v) : null;
}

export const actions: Actions = {
	create: async ({ locals, request, url }) => {
		const actor = requireLevel(locals.actor, 'admin', url.pathname);
		const { raw, candidate } = fromForm(await request.formData());
		const parsed = ThresholdBody.safeParse(candidate);
		if (!parsed.success) return fail(400, { form: 'create', errors: issues(parsed), values: raw });
		await advisor.createThreshold(locals.app.db, actor, parsed.data);
		return { done: 'created' };
	},
	update: async ({ locals, request, url }) => {
		const actor = requireLevel(locals.actor, 'admin', url.pathname);
		const form = await request.formData();
		const id = idOf(form);
		if (id === null) return fail(404, { form: 'update', errors: { form: 'Värdet finns inte.' }, values: null });
		const { raw, candidate } = fromForm(form);
		const parsed = ThresholdBody.safeParse(candidate);
		if (!parsed.success) return fail(400, { form: `update-${id}`, errors: issues(parsed), values: raw });
		if (!(await advisor.updateThreshold(locals.app.db, actor, id, parsed.data))) return fail(404, { form: `update-${id}`, errors: { form: 'Värdet finns inte.' }, values: raw });
		return { done: 'updated' };
	},
	delete: async ({ locals, request, url }) => {
		const actor = requireLevel(locals.actor, 'admin', url.pathname);
		const id = idOf(await request.formData());
		if (id === null || !(await advisor.deleteThreshold(locals.app.db, actor, id))) return fail(404, { form: 'delete', errors: { form: 'Värdet finns inte.' }, values: null });
		return { done: 'deleted' };
	}
};
