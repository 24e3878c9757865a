import { error, fail } from '@sveltejs/kit';
import { can } from '#lib/server/access/policy.ts';
import { initiativeScope } from '#lib/server/access/scope.ts';
import * as needs from '#lib/server/needs/index.ts';
import { effectLogicSchema } from '#lib/server/needs/validation.ts';
import type { Actions, PageServerLoad } from './$types';

const COLUMNS = ['activities', 'outputs', 'outcomes', 'impacts'] as const;
type Column = (typeof COLUMNS)[number];

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { abilities } = await parent();
	if (!abilities.readNeeds) error(404, 'Finns inte.');
	const [list, logic] = await Promise.all([needs.listNeeds(locals.app.db, params.id), needs.getEffectLogic(locals.app.db, params.id)]);
	return {
		needs: list.filter((n) => n.status !== 'parked' && n.status !== 'moved').map((n) => ({ id: n.id, title: n.title, status: n.status })),
		logic
	};
};

async function editable(locals: App.Locals, initiativeId: string) {
	const scope = await initiativeScope(locals.app.db, locals.actor, initiativeId);
	if (!scope || !can(locals.actor, 'read', { resource: 'needs', initiative: scope })) error(404, 'Finns inte.');
	if (locals.actor.kind !== 'user' || !can(locals.actor, 'write', { resource: 'needs', initiative: scope })) error(403, 'Du har inte behörighet till detta.');
	return locals.actor;
}

function column(value: FormDataEntryValue | null): Column | null {
	return COLUMNS.includes(value as Column) ? (value as Column) : null;
}

export const actions: Actions = {
	add: async ({ locals, params, request }) => {
		const user = await editable(locals, params.id);
		const form = await request.formData();
		const col = column(form.get('column'));
		const text = String(form.get('text') ?? '').trim();
		if (!col) return fail(400, { column: null, error: 'Okänt steg.' });
		if (!text) return fail(400, { column: col, text, error: 'Skriv vad steget innehåller.' });
		if (text.length > 500) return fail(400, { column: col, text, error: 'Texten får vara högst 500 tecken.' });
		const logic = await needs.getEffectLogic(locals.app.db, params.id);
		const next = { ...logic, [col]: [...logic[col], { id: crypto.randomUUID(), text, links: form.getAll('links').map(String) }] };
		const parsed = effectLogicSchema.safeParse(next);
		if (!parsed.success) return fail(400, { column: col, text, error: parsed.error.issues[0].message });
		await needs.saveEffectLogic(locals.app, user, params.id, parsed.data);
		return { column: col, added: true };
	},
	remove: async ({ locals, params, request }) => {
		const user = await editable(locals, params.id);
		const form = await request.formData();
		const col = column(form.get('column'));
		const id = String(form.get('id') ?? '');
		if (!col) return fail(400, { column: null, error: 'Okänt steg.' });
		const logic = await needs.getEffectLogic(locals.app.db, params.id);
		await needs.saveEffectLogic(locals.app, user, params.id, { ...logic, [col]: logic[col].filter((i) => i.id !== id) });
		return { column: col, removed: true };
	}
};
