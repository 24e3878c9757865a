import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, isNull } from 'drizzle-orm';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { initiatives, pilotPoints, pilotValues, pilots, users } from '../db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { pilotReportSection } from '../pilots/report.ts';
import { pilotTemplatePart } from '../pilots/templates.ts';
import { persona } from './personas.ts';
import { seedDemo } from './seed.ts';
import { seedDemoRfi } from './rfi.ts';
import { seedDemoPilot } from './pilots.ts';

let app: App;

beforeAll(async () => {
	app = await createApp({ config: loadConfig({ DEMO: 'true', DATA_DIR: 'memory://', LOG_LEVEL: 'error' }) });
	await seedDemo(app);
	await seedDemoRfi(app);
}, 60_000);

afterAll(async () => {
	await app?.close();
});

describe('the demo pilot', () => {
	it('runs in the demo initiative with months of values, the last one awaiting confirmation, and is seeded once', async () => {
		await seedDemoPilot(app);
		await seedDemoPilot(app);
		const rows = await app.db.select().from(pilots);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ title: 'Torra entréer på tre förskolor', route: 'direct_award', valueSek: 180_000 });
		expect(rows[0].activities.length).toBeGreaterThan(2);
		const [{ n }] = await app.db.select({ n: count() }).from(pilotValues);
		expect(n).toBe(8);
		const waiting = await app.db.select().from(pilotValues).where(isNull(pilotValues.confirmedAt));
		expect(waiting).toHaveLength(1);
		expect(waiting[0].reportedByOrganisationId).not.toBeNull();
	}, 30_000);

	it('gives the final report a section with each indicator against baseline and target', async () => {
		const [initiative] = await app.db.select().from(initiatives).limit(1);
		const leader = (await persona(app, 'process_leader'))!;
		const section = await pilotReportSection(app.db, initiative.id, leader);
		expect(section.title).toBe('Piloter och resultat');
		const table = section.blocks.find((b) => b.kind === 'table');
		expect(table && table.kind === 'table' && table.rows.map((r) => r[0])).toEqual(['Halkincidenter bland personalen per månad', 'Städtid i entrén per dag']);
		const other = (await persona(app, 'supplier_b'))!;
		expect((await pilotReportSection(app.db, initiative.id, other)).blocks).toEqual([{ kind: 'paragraph', text: 'Inga piloter har genomförts i initiativet.' }]);
	});

	it('makes a template of the plan without people or supplier material, and applies it as a draft pilot', async () => {
		const [initiative] = await app.db.select().from(initiatives).limit(1);
		const data = await pilotTemplatePart.capture(app.db, initiative.id);
		const text = JSON.stringify(data);
		const names = (await app.db.select({ name: users.name }).from(users)).map((u) => u.name);
		for (const planted of ['Golvteknik', 'Städrobot', ...names]) expect(text).not.toContain(planted);
		expect(data.plans[0].points.map((p) => p.name)).toContain('Städtid i entrén per dag');
		const leader = (await persona(app, 'process_leader'))!;
		const [fresh] = await app.db.insert(initiatives).values({ title: 'Nytt initiativ', createdBy: leader.userId }).returning();
		await app.db.transaction((tx) => pilotTemplatePart.apply(tx, fresh.id, JSON.parse(text), leader));
		const [draft] = await app.db.select().from(pilots).where(eq(pilots.initiativeId, fresh.id));
		expect(draft).toMatchObject({ valueSek: 0, decisionMakers: [leader.userId] });
		expect(await app.db.select().from(pilotPoints).where(eq(pilotPoints.pilotId, draft.id))).toHaveLength(2);
	});
});
