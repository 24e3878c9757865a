import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { ApiError } from '../http/api.ts';
import * as audit from '../audit/index.ts';
import * as workshops from '../workshops/index.ts';
import { initiativeFixture, memoryLiveDocs } from '../workshops/testing.ts';
import { newGroup, moveCards } from '../../shapes/workshop.ts';
import * as needs from './index.ts';
import { needsCsv, needsDocx } from './export.ts';
import { createNeedSchema, patchNeedSchema } from './validation.ts';

describe('need validation', () => {
	it('needs a title and fills in the rest with defaults', () => {
		expect(createNeedSchema.safeParse({ title: '' }).success).toBe(false);
		expect(createNeedSchema.parse({ title: ' Torra golv ' })).toMatchObject({ title: 'Torra golv', status: 'draft', priority: 'medium', indicators: [], sources: [] });
	});

	it('wants every indicator named and every source to point at exactly one card or group', () => {
		expect(createNeedSchema.safeParse({ title: 'x', indicators: [{ name: '' }] }).success).toBe(false);
		const both = createNeedSchema.safeParse({ title: 'x', sources: [{ workshopId: crypto.randomUUID(), cardId: crypto.randomUUID(), groupId: crypto.randomUUID() }] });
		expect(both.success).toBe(false);
		const neither = createNeedSchema.safeParse({ title: 'x', sources: [{ workshopId: crypto.randomUUID() }] });
		expect(neither.success).toBe(false);
	});

	it('refuses unknown statuses and priorities', () => {
		expect(patchNeedSchema.safeParse({ status: 'done' }).success).toBe(false);
		expect(patchNeedSchema.safeParse({ priority: 'urgent' }).success).toBe(false);
		expect(patchNeedSchema.safeParse({ status: 'agreed', version: 2 }).success).toBe(true);
	});
});

describe('the needs register', () => {
	let app: App;
	let fx: Awaited<ReturnType<typeof initiativeFixture>>;
	let w: workshops.Workshop;
	let cardId: string;
	let groupId = '';

	beforeAll(async () => {
		app = await createApp({ config: loadConfig({ DEMO: 'false', DATA_DIR: 'memory://', LOG_LEVEL: 'error' }) });
		const live = memoryLiveDocs();
		app.liveDocs = live;
		fx = await initiativeFixture(app);
		w = await workshops.createWorkshop(app, fx.leader, fx.initiativeId, { title: 'Våta golv', question: 'Vad gör golven våta?' });
		w = await workshops.changePhase(app, fx.leader, w, 'collect');
		cardId = (await workshops.addCard(app, fx.team, w, 'Snö från stövlarna')).id;
		await live.change(workshops.docNameOf(w.id), null, (doc) => {
			groupId = newGroup(doc, 'Väta utifrån');
			moveCards(doc, [cardId], groupId);
		});
	}, 60_000);
	afterAll(async () => app?.close());

	it('links a need to the cards and groups it came from and journals it', async () => {
		const input = createNeedSchema.parse({
			title: 'Torra golv',
			statement: 'Förskolepersonal behöver torra golv i hallen så att barnen inte halkar',
			indicators: [{ name: 'Halkolyckor', unit: 'antal/månad', baseline: '4', target: '1', method: 'Avvikelserapporter', owner: 'Rektor' }],
			sources: [{ workshopId: w.id, groupId }, { workshopId: w.id, cardId }]
		});
		const n = await needs.createNeed(app, fx.team, fx.initiativeId, input);
		const resolved = await needs.resolveSources(app, n.sources);
		expect(resolved.map((s) => [s.kind, s.label, s.workshopTitle])).toEqual([
			['group', 'Väta utifrån', 'Våta golv'],
			['card', 'Snö från stövlarna', 'Våta golv']
		]);
		const journal = await audit.list(app.db, fx.initiativeId);
		expect(journal.at(-1)).toMatchObject({ action: 'need.created', data: { needId: n.id } });
	});

	it('refuses sources from another workshop or that are not on the board', async () => {
		const bad = createNeedSchema.parse({ title: 'x', sources: [{ workshopId: w.id, cardId: crypto.randomUUID() }] });
		await expect(needs.createNeed(app, fx.team, fx.initiativeId, bad)).rejects.toSatisfy((e) => e instanceof ApiError && e.code === 'invalid_source');
		const other = await initiativeFixture(app);
		const foreign = createNeedSchema.parse({ title: 'x', sources: [{ workshopId: w.id, cardId }] });
		await expect(needs.createNeed(app, other.leader, other.initiativeId, foreign)).rejects.toSatisfy((e) => e instanceof ApiError && e.code === 'invalid_source');
	});

	it('warns when the need names a product, and needs a destination when moved', async () => {
		const n = await needs.createNeed(app, fx.team, fx.initiativeId, createNeedSchema.parse({ title: 'Robotdammsugare i hallen' }));
		expect(needs.toApi(n).warnings).toEqual([{ code: 'names_product', words: ['robotdammsugare'] }]);
		await expect(needs.updateNeed(app, fx.team, n, { status: 'moved' })).rejects.toSatisfy((e) => e instanceof ApiError && e.status === 400);
		const moved = await needs.updateNeed(app, fx.team, n, { status: 'moved', movedTo: 'Lokalförsörjning' });
		expect(moved).toMatchObject({ status: 'moved', movedTo: 'Lokalförsörjning', version: 2 });
	});

	it('refuses to overwrite a newer version', async () => {
		const n = await needs.createNeed(app, fx.team, fx.initiativeId, createNeedSchema.parse({ title: 'Versioner' }));
		await needs.updateNeed(app, fx.team, n, { priority: 'high', version: 1 });
		await expect(needs.updateNeed(app, fx.leader, n, { priority: 'low', version: 1 })).rejects.toSatisfy((e) => e instanceof ApiError && e.code === 'stale');
	});

	it('keeps effect-logic links pointing one step back only', async () => {
		const [n] = await needs.listNeeds(app.db, fx.initiativeId);
		const saved = await needs.saveEffectLogic(app, fx.team, fx.initiativeId, {
			activities: [{ id: 'a1', text: 'Pröva avskrapningszoner', links: [n.id, 'nonsense'] }],
			outputs: [{ id: 'o1', text: 'Zoner i tre förskolor', links: ['a1'] }],
			outcomes: [{ id: 'u1', text: 'Torrare hallar', links: ['o1', n.id] }],
			impacts: [{ id: 'i1', text: 'Färre halkolyckor', links: ['u1'] }]
		});
		expect(saved.activities[0].links).toEqual([n.id]);
		expect(saved.outcomes[0].links).toEqual(['o1']);
		expect((await needs.getEffectLogic(app.db, fx.initiativeId)).impacts).toEqual([{ id: 'i1', text: 'Färre halkolyckor', links: ['u1'] }]);
	});

	it('exports CSV and a DOCX document', async () => {
		const list = await needs.listNeeds(app.db, fx.initiativeId);
		const items = await Promise.all(list.map(async (need) => ({ need, sources: await needs.resolveSources(app, need.sources) })));
		const csv = needsCsv(items);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.split('\r\n')[0]).toContain(';"Behovsformulering";');
		expect(csv).toContain('Halkolyckor (antal/månad): 4 → 1');
		const docx = await needsDocx('Torra golv i förskolan', items);
		expect(docx[0]).toBe(0x50); // "PK": a zip container
		expect(docx[1]).toBe(0x4b);
	});
});

describe('the need editor form', () => {
	it('drops empty indicator rows, reads sources and keeps the version', async () => {
		const { readNeedForm, validateNeedForm } = await import('./form.ts');
		const fd = new FormData();
		fd.set('title', 'Torra golv');
		fd.set('version', '3');
		for (const [name, unit] of [['Halkolyckor', 'antal'], ['', '']]) {
			fd.append('ind_name', name);
			fd.append('ind_unit', unit);
			for (const f of ['baseline', 'target', 'method', 'owner']) fd.append(`ind_${f}`, '');
		}
		const w = crypto.randomUUID();
		const c = crypto.randomUUID();
		fd.append('source', `${w}:card:${c}`);
		const values = readNeedForm(fd);
		expect(values.indicators).toEqual([{ name: 'Halkolyckor', unit: 'antal', baseline: '', target: '', method: '', owner: '' }]);
		expect(values.version).toBe(3);
		const checked = validateNeedForm(values);
		expect(checked.errors).toBeNull();
		expect(checked.input?.sources).toEqual([{ workshopId: w, cardId: c }]);
	});

	it('reports problems per field, in Swedish', async () => {
		const { readNeedForm, validateNeedForm } = await import('./form.ts');
		const fd = new FormData();
		fd.set('title', '');
		fd.set('status', 'moved');
		fd.append('source', 'nonsense');
		const checked = validateNeedForm(readNeedForm(fd));
		expect(checked.errors).toMatchObject({ title: 'Ge behovet en kort rubrik.', sources: expect.stringContaining('källorna') });
	});
});

describe('exports', () => {
	it('neutralise spreadsheet formulas in CSV cells', () => {
		const n = {
			id: crypto.randomUUID(),
			initiativeId: crypto.randomUUID(),
			title: '=HYPERLINK("http://evil.example")',
			statement: '',
			affected: '',
			currentSituation: '',
			baseline: '',
			desiredEffect: '',
			indicators: [],
			priority: 'medium' as const,
			status: 'draft' as const,
			movedTo: '',
			sources: [],
			version: 1,
			createdBy: crypto.randomUUID(),
			createdAt: new Date(),
			updatedAt: new Date()
		};
		const csv = needsCsv([{ need: n, sources: [] }]);
		expect(csv.split('\r\n')[1].startsWith(`"'=HYPERLINK(""http://evil.example"")"`)).toBe(true);
	});
});
